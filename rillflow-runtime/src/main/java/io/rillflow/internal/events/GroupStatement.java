package io.rillflow.internal.events;

import io.rillflow.RillflowException;
import io.rillflow.events.AppendResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@link GroupAppendSql} for one group on a connection in auto-commit (the statement is its
 * own transaction: one round trip, no BEGIN or COMMIT), then, only for the appends it refused, asks
 * why. Nothing here acknowledges anything: {@link GroupLane} does, once {@link #write} returned,
 * that is after the statement's commit (the driver returns the rows only once it has read the
 * server's ReadyForQuery, which follows the commit and, with {@code synchronous_commit = on}, its
 * WAL flush; a commit that fails arrives as the statement's error).
 */
final class GroupStatement {
  private final GroupAppendSql sql;
  private final StreamAppender appender;

  GroupStatement(GroupAppendSql sql, StreamAppender appender) {
    this.sql = sql;
    this.appender = appender;
  }

  /**
   * Writes the group; returns one outcome per append of {@code group}, in its order: an
   * {@link AppendResult}, or {@code null} for an append the statement refused (it wrote nothing).
   *
   * @param group appends to pairwise different streams
   * @param timeoutSeconds the statement's timeout (the driver cancels it in the server)
   */
  AppendResult[] write(Connection connection, List<PendingAppend> group, int timeoutSeconds) throws SQLException {
    AppendResult[] outcomes = new AppendResult[group.size()];
    try (PreparedStatement statement = connection.prepareStatement(sql.append)) {
      statement.setQueryTimeout(timeoutSeconds);
      bind(connection, statement, group);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          int ordinal = rows.getInt(1);
          long version = rows.getLong(2);
          PendingAppend pending = group.get(ordinal);
          int count = pending.types.length;
          outcomes[ordinal] = new AppendResult(pending.stream(), version - count + 1, version, rows.getLong(3));
        }
      }
    }
    return outcomes;
  }

  /**
   * Why the statement refused this append (it wrote nothing of it), read after the group committed,
   * as a single append reads it after its statement: the version it reports may be newer still.
   */
  RuntimeException refusal(Connection connection, PendingAppend pending) {
    try {
      return appender.refusal(connection, pending.request);
    } catch (SQLException | RuntimeException e) {
      return new RillflowException("Cannot append to stream " + pending.stream() + "; the stream was not as"
          + " expected or is archived, and nothing was written, but reading why failed: " + e.getMessage(), e);
    }
  }

  private static void bind(Connection connection, PreparedStatement statement, List<PendingAppend> group)
      throws SQLException {
    int size = group.size();
    Integer[] ordinals = new Integer[size];
    String[] streams = new String[size];
    String[] streamTypes = new String[size];
    Integer[] kinds = new Integer[size];
    Long[] expected = new Long[size];
    Long[] counts = new Long[size];
    String[] headers = new String[size];
    String[] causations = new String[size];
    String[] correlations = new String[size];
    List<Integer> eventOrdinals = new ArrayList<>();
    List<Integer> indexes = new ArrayList<>();
    List<String> types = new ArrayList<>();
    List<Integer> versions = new ArrayList<>();
    List<String> data = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      PendingAppend pending = group.get(i);
      AppendRequest request = pending.request;
      ordinals[i] = i;
      streams[i] = pending.stream();
      streamTypes[i] = request.options().streamType();
      kinds[i] = switch (request.expected().kind()) {
        case ANY -> GroupAppendSql.ANY;
        case NO_STREAM -> GroupAppendSql.NO_STREAM;
        case STREAM_EXISTS -> GroupAppendSql.STREAM_EXISTS;
        case EXACTLY -> GroupAppendSql.EXACTLY;
      };
      expected[i] = request.expected().kind() == io.rillflow.events.ExpectedVersion.Kind.EXACTLY
          ? request.expected().version() : null;
      counts[i] = (long) pending.types.length;
      headers[i] = pending.headers;
      causations[i] = request.options().causationId();
      correlations[i] = request.options().correlationId();
      for (int e = 0; e < pending.types.length; e++) {
        eventOrdinals.add(i);
        indexes.add(e + 1);
        types.add(pending.types[e]);
        versions.add(pending.versions[e]);
        data.add(pending.data[e]);
      }
    }
    int p = 1;
    statement.setArray(p++, connection.createArrayOf("int4", ordinals));
    statement.setArray(p++, connection.createArrayOf("text", streams));
    statement.setArray(p++, connection.createArrayOf("text", streamTypes));
    statement.setArray(p++, connection.createArrayOf("int4", kinds));
    statement.setArray(p++, connection.createArrayOf("int8", expected));
    statement.setArray(p++, connection.createArrayOf("int8", counts));
    statement.setArray(p++, connection.createArrayOf("text", headers));
    statement.setArray(p++, connection.createArrayOf("text", causations));
    statement.setArray(p++, connection.createArrayOf("text", correlations));
    statement.setArray(p++, connection.createArrayOf("int4", eventOrdinals.toArray()));
    statement.setArray(p++, connection.createArrayOf("int4", indexes.toArray()));
    statement.setArray(p++, connection.createArrayOf("text", types.toArray()));
    statement.setArray(p++, connection.createArrayOf("int4", versions.toArray()));
    statement.setArray(p, connection.createArrayOf("text", data.toArray()));
  }
}
