package io.rillflow.internal.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.rillflow.events.AppendResult;
import io.rillflow.ConcurrencyException;
import io.rillflow.events.IdempotencyConflictException;
import io.rillflow.RillflowException;
import io.rillflow.events.StreamArchivedException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.List;
import java.util.Map;
import io.rillflow.internal.tracing.StoreTracing;
import org.postgresql.util.PSQLException;

/**
 * Runs one append on a connection: the one statement of {@link EventSql}, then, only when it wrote
 * nothing, a query that says why. Used by {@code store.events().append(...)} (autocommit: the
 * statement is its own transaction) and by {@code saveChanges()} (inside the unit of work's
 * transaction).
 */
final class StreamAppender {
  /** PostgreSQL's unique_violation. */
  private static final String UNIQUE_VIOLATION = "23505";
  private static final String IDEMPOTENCY_INDEX = "rf_events_idempotency";
  /** The primary key of rf_idempotency_keys (V21): the key was claimed by an append to another stream. */
  private static final String STORE_WIDE_KEYS = "rf_idempotency_keys_pkey";

  private final EventSql sql;
  private final ObjectWriter headersWriter;
  private final StoreTracing tracing;
  /** Locks, condition check and tag rows of a {@link AppendRequest#tagged() tagged} append. */
  private final TagStep tags;

  StreamAppender(EventSql sql, ObjectWriter headersWriter, StoreTracing tracing, TagStep tags) {
    this.sql = sql;
    this.headersWriter = headersWriter;
    this.tracing = tracing;
    this.tags = tags;
  }

  /**
   * Appends, or throws having written nothing.
   *
   * @throws ConcurrencyException when the stream is not as expected
   * @throws IdempotencyConflictException when the key was used before
   * @throws StreamArchivedException when the stream is archived
   * @throws io.rillflow.events.AppendConditionException when its DCB condition failed
   */
  AppendResult append(Connection connection, AppendRequest request) throws SQLException {
    if (!request.tagged()) {
      return appendEvents(connection, request);
    }
    // In a transaction (see DefaultEventStore and SessionAppends): locks and check, events, tags.
    tags.before(connection, request);
    AppendResult result = appendEvents(connection, request);
    tags.after(connection, request, result.firstVersion());
    return result;
  }

  private AppendResult appendEvents(Connection connection, AppendRequest request) throws SQLException {
    String key = request.options().idempotencyKey();
    // In a unit of work a unique violation would abort the whole transaction before we could ask
    // which append used the key first; a savepoint keeps it usable. Only keyed appends can race
    // into that violation, so only they pay for the savepoint.
    Savepoint savepoint = key != null && !connection.getAutoCommit() ? connection.setSavepoint() : null;
    try (PreparedStatement statement = connection.prepareStatement(sql.append(request.expected().kind(), key != null))) {
      bind(connection, statement, request);
      try (ResultSet row = statement.executeQuery()) {
        row.next();
        long version = row.getLong(1);
        if (row.wasNull()) {
          throw refusal(connection, request);
        }
        int count = request.events().size();
        return new AppendResult(request.streamKey(), version - count + 1, version, row.getLong(2));
      }
    } catch (SQLException e) {
      if (key != null && UNIQUE_VIOLATION.equals(e.getSQLState()) && e instanceof PSQLException psql
          && psql.getServerErrorMessage() != null && STORE_WIDE_KEYS.equals(psql.getServerErrorMessage().getConstraint())) {
        if (savepoint != null) {
          connection.rollback(savepoint);
        }
        throw firstUse(connection, key);
      }
      if (key != null && UNIQUE_VIOLATION.equals(e.getSQLState()) && String.valueOf(e.getMessage()).contains(IDEMPOTENCY_INDEX)) {
        if (savepoint != null) {
          connection.rollback(savepoint);
        }
        throw refusal(connection, request);
      }
      throw e;
    }
  }

  private void bind(Connection connection, PreparedStatement statement, AppendRequest request) throws SQLException {
    List<AppendRequest.Typed> events = request.events();
    int count = events.size();
    String[] types = new String[count];
    Integer[] versions = new Integer[count];
    String[] data = new String[count];
    for (int i = 0; i < count; i++) {
      AppendRequest.Typed event = events.get(i);
      types[i] = event.type().name();
      versions[i] = event.type().version();
      data[i] = event.type().write(event.event());
    }
    String stream = request.streamKey();
    String key = request.options().idempotencyKey();
    int i = 1;
    switch (request.expected().kind()) {
      case ANY, NO_STREAM -> {
        statement.setString(i++, stream);
        statement.setString(i++, request.options().streamType());
        statement.setLong(i++, count);
      }
      case STREAM_EXISTS -> {
        statement.setLong(i++, count);
        statement.setString(i++, stream);
      }
      case EXACTLY -> {
        statement.setLong(i++, count);
        statement.setString(i++, stream);
        statement.setLong(i++, request.expected().version());
      }
    }
    if (key != null) {
      statement.setString(i++, stream);
      statement.setString(i++, key);
    }
    statement.setString(i++, stream);
    statement.setLong(i++, count);
    statement.setString(i++, headers(request));
    statement.setString(i++, request.options().causationId());
    statement.setString(i++, request.options().correlationId());
    statement.setString(i++, key);
    statement.setArray(i++, connection.createArrayOf("text", types));
    statement.setArray(i++, connection.createArrayOf("int4", versions));
    statement.setArray(i++, connection.createArrayOf("text", data));
    if (key != null && sql.storeWideKeys()) {
      statement.setString(i++, key);
      statement.setString(i, stream);
    }
  }

  /** The headers as JSON, with the trace context current at the write (the append's or saveChanges' span). */
  String headers(AppendRequest request) {
    Map<String, Object> headers = tracing.stamp(request.options().headers());
    if (headers.isEmpty()) {
      return null;
    }
    try {
      return headersWriter.writeValueAsString(headers);
    } catch (JsonProcessingException e) {
      throw new RillflowException("Cannot write the headers of an append to stream " + request.streamKey()
          + " as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** The store-wide key was claimed by an earlier append: where, for the exception. */
  private IdempotencyConflictException firstUse(Connection connection, String key) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(sql.keyFirstUse)) {
      query.setString(1, key);
      try (ResultSet row = query.executeQuery()) {
        if (!row.next()) {
          throw new IllegalStateException("idempotency key \"" + key + "\" was refused as taken but has no row");
        }
        return new IdempotencyConflictException(row.getString(1), key, row.getLong(2), row.getLong(3));
      }
    }
  }

  /** Why the append wrote nothing: the key was used before, the stream is archived, or its version differs. */
  RillflowException refusal(Connection connection, AppendRequest request) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(sql.appendFailure)) {
      query.setString(1, request.streamKey());
      query.setString(2, request.streamKey());
      query.setString(3, request.options().idempotencyKey());
      try (ResultSet row = query.executeQuery()) {
        row.next();
        long actual = row.getLong(1);
        boolean archived = row.getBoolean(2);
        long keyVersion = row.getLong(3);
        if (!row.wasNull()) {
          return new IdempotencyConflictException(request.streamKey(), request.options().idempotencyKey(),
              keyVersion, row.getLong(4));
        }
        if (archived) {
          return new StreamArchivedException(request.streamKey());
        }
        return new ConcurrencyException(request.streamKey(), request.expected(), actual);
      }
    }
  }
}
