package io.rillflow.internal.events;

import io.rillflow.events.Checkpoint;
import io.rillflow.events.EventEnvelope;
import io.rillflow.RillflowException;
import io.rillflow.internal.sql.JdbcCursor;
import io.rillflow.internal.sql.OwnedScope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * Reads events: one stream, or all of them in global order up to the safe point; as lists or cursors.
 * Over live streams' events only, or with the archive too, as its {@link EventReadSql} says.
 */
final class EventReads {
  private final DataSource dataSource;
  private final OwnedScope scope;
  private final EventReadSql sql;
  private final EnvelopeReader envelopes;
  private final StoreSafePoint safePoint;
  /** Where the daemon's pages are read: the primary, or a replica that has replayed far enough. */
  private final PageBelow<GlobalRow> daemonPage;

  /**
   * @param replica where the daemon's reads go when it has replayed far enough ({@code daemonReadsReplica});
   *     {@code null}: the primary, as every other read
   */
  EventReads(DataSource dataSource, EventReadSql sql, EnvelopeReader envelopes, StoreSafePoint safePoint,
      ReplicaRows replica) {
    this.dataSource = dataSource;
    this.scope = new OwnedScope(dataSource);
    this.sql = sql;
    this.envelopes = envelopes;
    this.safePoint = safePoint;
    this.daemonPage = replica == null ? this::rowsBelow
        : (after, below, limit) -> replica.read(after, below, limit, this::rowsBelow, this::rowsBelow);
  }

  List<EventEnvelope<?>> readStream(String stream, long fromVersion, long toVersion) {
    if (toVersion < fromVersion) {
      return List.of();
    }
    EnvelopeReader.Read read = envelopes.read();
    return JdbcCursor.list(scope, sql.readStream, statement -> {
      statement.setString(1, stream);
      statement.setLong(2, fromVersion);
      statement.setLong(3, toVersion);
    }, row -> read.ofStream(row, stream), 0, "events of stream " + stream);
  }

  /** As {@link #readStream(String, long, long)}, on a connection the caller holds (and may be in a transaction). */
  List<EventEnvelope<?>> readStream(Connection connection, String stream, long fromVersion, long toVersion) {
    if (toVersion < fromVersion) {
      return List.of();
    }
    try (PreparedStatement statement = connection.prepareStatement(sql.readStream)) {
      statement.setString(1, stream);
      statement.setLong(2, fromVersion);
      statement.setLong(3, toVersion);
      List<EventEnvelope<?>> read = new ArrayList<>();
      EnvelopeReader.Read oneRead = envelopes.read();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          EventEnvelope<?> envelope = oneRead.ofStream(rows, stream);
          if (envelope != null) {
            read.add(envelope);
          }
        }
      }
      return read;
    } catch (SQLException e) {
      throw new RillflowException("Cannot read events of stream " + stream + ": " + e.getMessage(), e);
    }
  }

  Stream<EventEnvelope<?>> scanStream(String stream, long fromVersion) {
    EnvelopeReader.Read read = envelopes.read();
    return JdbcCursor.stream(scope, sql.scanStream, statement -> {
      statement.setString(1, stream);
      statement.setLong(2, fromVersion);
    }, row -> read.ofStream(row, stream), "events of stream " + stream);
  }

  /**
   * Up to {@code limit} events after {@code after}, below the safe point. Rows of types the store
   * skips do not count: the read goes on past them until it has {@code limit} events or there are
   * no more rows, so a caller that gets fewer than it asked for is at the end.
   */
  List<EventEnvelope<?>> readAll(Checkpoint after, int limit) {
    Objects.requireNonNull(after, "after");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1 but was " + limit);
    }
    List<EventEnvelope<?>> events = new ArrayList<>();
    Checkpoint from = after;
    while (true) {
      int wanted = limit - events.size();
      // The primary's rows: only the daemon's reads (readRows) may go to a replica.
      List<GlobalRow> rows = belowSafePoint(from, wanted, this::rowsBelow, GlobalRow::checkpoint);
      for (GlobalRow row : rows) {
        if (row.failure() != null) {
          throw row.failure();
        }
        if (row.event() != null) {
          events.add(row.event());
        }
      }
      if (rows.size() < wanted || events.size() == limit) {
        return events;
      }
      from = rows.get(rows.size() - 1).checkpoint();
    }
  }

  /**
   * Up to {@code limit} rows after {@code after}, below the safe point, each with its event or why
   * it has none: what the projection daemon reads, so that one undecodable row is dealt with as a
   * failing event rather than failing the whole read. With {@code daemonReadsReplica} the pages are
   * read on the replica once it has replayed far enough ({@link ReplicaRows}).
   *
   * <p>It reads below the newest safe point the store has seen first: a safe point read once stays
   * safe for ever (see {@link StoreSafePoint}), so while rows below it fill the batch, catching up
   * costs no safe point read per batch. Only a batch that comes up short reads a new one, and goes
   * on below it when it moved.
   */
  List<GlobalRow> readRows(Checkpoint after, int limit) {
    return belowSafePoint(after, limit, daemonPage, GlobalRow::checkpoint);
  }

  /**
   * As {@link #readRows}, each row as stored, nothing decoded: what subscriptions read, which filter
   * and partition the rows themselves and decode only those they deliver.
   *
   * @param withStreamType whether to read each row's stream type too (a subscription filters by it)
   */
  List<RawRow> readRawRows(Checkpoint after, int limit, boolean withStreamType) {
    String query = withStreamType ? sql.readRawWithStreamType : sql.readRaw;
    return belowSafePoint(after, limit, (from, below, wanted) -> JdbcCursor.list(scope, query,
        statement -> bindBelow(statement, from, below, wanted), envelopes::raw, 0, "events after " + from),
        RawRow::checkpoint);
  }

  /** Reads rows after a checkpoint below a safe point bound by the caller. */
  @FunctionalInterface
  private interface PageBelow<R> {
    List<R> read(Checkpoint after, long safePoint, int limit);
  }

  /**
   * The one rule of a global read: up to {@code limit} rows after {@code after}, below a safe point.
   * It reads below the newest safe point the store has seen first: a safe point read once stays safe
   * for ever (see {@link StoreSafePoint}), so while rows below it fill the batch, catching up costs no
   * safe point read per batch. Only a batch that comes up short reads a new one, and goes on below it
   * when it moved.
   */
  private <R> List<R> belowSafePoint(Checkpoint after, int limit, PageBelow<R> page,
      java.util.function.Function<R, Checkpoint> checkpointOf) {
    long known = safePoint.known();
    List<R> rows = known > after.transactionId() ? page.read(after, known, limit) : List.of();
    if (rows.size() == limit) {
      return rows;
    }
    long fresh = safePoint.read(dataSource);
    if (fresh <= known) {
      return rows;
    }
    Checkpoint from = rows.isEmpty() ? after : checkpointOf.apply(rows.get(rows.size() - 1));
    List<R> more = page.read(from, fresh, limit - rows.size());
    if (rows.isEmpty()) {
      return more;
    }
    List<R> all = new ArrayList<>(rows);
    all.addAll(more);
    return all;
  }

  /** Rows after {@code after} and below {@code safePoint}, a safe point read by an earlier statement. */
  private List<GlobalRow> rowsBelow(Checkpoint after, long safePoint, int limit) {
    return JdbcCursor.list(scope, sql.readAll, statement -> bindBelow(statement, after, safePoint, limit),
        envelopes.read()::row, 0, "events after " + after);
  }

  /** The same rows on a connection the caller holds (a replica's). */
  private List<GlobalRow> rowsBelow(Connection connection, Checkpoint after, long safePoint, int limit)
      throws SQLException {
    return JdbcCursor.list(connection, sql.readAll, statement -> bindBelow(statement, after, safePoint, limit),
        envelopes.read()::row, 0);
  }

  private static void bindBelow(PreparedStatement statement, Checkpoint after, long safePoint, int limit)
      throws SQLException {
    statement.setLong(1, after.transactionId());
    statement.setLong(2, after.position());
    statement.setLong(3, safePoint);
    statement.setInt(4, limit);
  }

  Stream<EventEnvelope<?>> scanAll(Checkpoint after) {
    Objects.requireNonNull(after, "after");
    // The safe point first, on a connection in autocommit (the cursor's is in a transaction, where the
    // safe point cannot be moved past a ticket at it: see StoreSafePoint), and before the cursor's
    // statement, as it must be.
    long below = safePoint.read(dataSource);
    return JdbcCursor.stream(scope, sql.scanAll, statement -> {
      statement.setLong(1, after.transactionId());
      statement.setLong(2, after.position());
      statement.setLong(3, below);
    }, envelopes.read()::envelope, "events after " + after);
  }

  /** The events the connection's transaction has written, in order: what inline projections apply. */
  List<EventEnvelope<?>> readOwnTransaction(Connection connection) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql.readOwnTransaction)) {
      return read(statement);
    }
  }

  /** Every event whose correlation id is {@code id}, in the order they were written. */
  List<EventEnvelope<?>> readByCorrelationId(String id) {
    return list(sql.readByCorrelation, "events of correlation id " + id,
        statement -> statement.setString(1, Objects.requireNonNull(id, "correlationId")));
  }

  /** Every event whose causation id is {@code id}, in the order they were written. */
  List<EventEnvelope<?>> readByCausationId(String id) {
    return list(sql.readByCausation, "events of causation id " + id,
        statement -> statement.setString(1, Objects.requireNonNull(id, "causationId")));
  }

  /** As {@link #readAll(Checkpoint, int)}, of one stored type name only. */
  List<EventEnvelope<?>> readAllOfType(String typeName, Checkpoint after, int limit) {
    Objects.requireNonNull(after, "after");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1 but was " + limit);
    }
    // The safe point first, in a statement of its own (see StoreSafePoint).
    long below = safePoint.read(dataSource);
    return list(sql.readAllOfType, "events of type " + typeName + " after " + after, statement -> {
      statement.setString(1, typeName);
      statement.setLong(2, after.transactionId());
      statement.setLong(3, after.position());
      statement.setLong(4, below);
      statement.setInt(5, limit);
    });
  }

  /** The event at a place in the global order, or {@code null} when there is none (or its type is skipped). */
  EventEnvelope<?> readAt(Checkpoint at) {
    List<EventEnvelope<?>> found = list(sql.readAt, "the event at position " + at.position(), statement -> {
      statement.setLong(1, at.transactionId());
      statement.setLong(2, at.position());
    });
    return found.isEmpty() ? null : found.get(0);
  }

  /** Reads the safe point now, on a connection of its own. */
  long safePoint() {
    return safePoint.read(dataSource);
  }

  /** The highest global position stored, 0 when there is no event. */
  long head() {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql.head);
        ResultSet rows = statement.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    } catch (SQLException e) {
      throw new RillflowException("Cannot read the newest event position: " + e.getMessage(), e);
    }
  }

  private List<EventEnvelope<?>> read(PreparedStatement statement) throws SQLException {
    List<EventEnvelope<?>> read = new ArrayList<>();
    EnvelopeReader.Read oneRead = envelopes.read();
    try (ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        EventEnvelope<?> envelope = oneRead.envelope(rows);
        if (envelope != null) {
          read.add(envelope);
        }
      }
    }
    return read;
  }

  private List<EventEnvelope<?>> list(String query, String what, JdbcCursor.Binder binder) {
    return JdbcCursor.list(scope, query, binder, envelopes.read()::envelope, 0, what);
  }
}
