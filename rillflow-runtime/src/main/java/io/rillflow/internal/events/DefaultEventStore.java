package io.rillflow.internal.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rillflow.AppendOptions;
import io.rillflow.AppendResult;
import io.rillflow.Checkpoint;
import io.rillflow.EventEnvelope;
import io.rillflow.EventStore;
import io.rillflow.ExpectedVersion;
import io.rillflow.RillflowException;
import io.rillflow.StreamState;
import io.rillflow.UnknownEventTypes;
import io.rillflow.internal.sql.Transaction;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import javax.sql.DataSource;

/** {@link io.rillflow.DocumentStore#events()}: dispatches each operation to the class that does it. */
public final class DefaultEventStore implements EventStore {
  private final DataSource dataSource;
  private final EventTypes types;
  private final StreamAppender appender;
  private final EventReads reads;
  private final StreamRows streams;
  /** Inline projections; {@code null} when there are none, so appends stay one autocommit statement. */
  /** The inline projections' step of every append; {@code null} when there are none. */
  private final InlineStep inline;
  /** Runs after an append commits (wakes projection daemons); {@code null} when nobody listens. */
  private final Runnable committed;

  public DefaultEventStore(DataSource dataSource, String schema, EventCatalog catalog, ObjectMapper mapper,
      UnknownEventTypes unknownTypes) {
    this(dataSource, schema, catalog, mapper, unknownTypes, null, null);
  }

  public DefaultEventStore(DataSource dataSource, String schema, EventCatalog catalog, ObjectMapper mapper,
      UnknownEventTypes unknownTypes, AppendHook hook, Runnable committed) {
    this.committed = committed;
    EventSql sql = new EventSql(schema);
    this.dataSource = dataSource;
    this.types = new EventTypes(catalog, mapper);
    this.appender = new StreamAppender(sql, mapper.writer());
    this.reads = new EventReads(dataSource, sql, new EnvelopeReader(new EventDecoder(types, unknownTypes), mapper),
        new StoreSafePoint(schema));
    this.inline = hook == null ? null : new InlineStep(hook, reads);
    this.streams = new StreamRows(dataSource, sql);
  }

  /** A new, empty queue of appends for one session. */
  public SessionAppends sessionAppends() {
    return new SessionAppends(types, appender, inline, committed);
  }

  /** A queue of appends that inline projections do not see: for the sessions projections write through. */
  public SessionAppends unprojectedSessionAppends() {
    return new SessionAppends(types, appender, null, committed);
  }

  /** The event at a global position, or {@code null}. */
  public EventEnvelope<?> readAt(long position) {
    return reads.readAt(position);
  }

  /** The highest global position stored, 0 when there is no event. */
  public long head() {
    return reads.head();
  }

  @Override
  public AppendResult append(Object streamId, ExpectedVersion expected, AppendOptions options, List<?> events) {
    AppendRequest request = AppendRequest.of(types, streamId, expected, options, events);
    AppendResult result = write(request);
    if (committed != null) {
      committed.run();
    }
    return result;
  }

  private AppendResult write(AppendRequest request) {
    try (Connection connection = dataSource.getConnection()) {
      if (inline != null && inline.wanted(List.of(request))) {
        return Transaction.run(connection, c -> {
          AppendResult result = appender.append(c, request);
          AppendTrace.record(request, result);
          inline.run(c);
          return result;
        });
      }
      // One statement: with autocommit it is its own transaction, in one round trip.
      if (!connection.getAutoCommit()) {
        connection.setAutoCommit(true);
      }
      AppendResult result = appender.append(connection, request);
      AppendTrace.record(request, result);
      return result;
    } catch (SQLException e) {
      throw new RillflowException("Cannot append to stream " + request.streamKey() + "; nothing was written: "
          + e.getMessage(), e);
    }
  }

  @Override
  public List<EventEnvelope<?>> readStream(Object streamId) {
    return reads.readStream(StreamKeys.of(streamId), 1, Long.MAX_VALUE);
  }

  @Override
  public List<EventEnvelope<?>> readStream(Object streamId, long fromVersion, long toVersion) {
    return reads.readStream(StreamKeys.of(streamId), fromVersion, toVersion);
  }

  /**
   * The events of the stream from {@code fromVersion} to {@code toVersion}, read on a connection
   * the caller holds: inside a unit of work's transaction, it sees that transaction's own appends.
   * The same statement and decoding (upcasts included) as {@link #readStream(Object, long, long)}.
   */
  public List<EventEnvelope<?>> readStream(Connection connection, String streamKey, long fromVersion, long toVersion) {
    return reads.readStream(connection, streamKey, fromVersion, toVersion);
  }

  @Override
  public Stream<EventEnvelope<?>> scanStream(Object streamId, long fromVersion) {
    return reads.scanStream(StreamKeys.of(streamId), fromVersion);
  }

  @Override
  public List<EventEnvelope<?>> readAll(Checkpoint after, int limit) {
    return reads.readAll(after, limit);
  }

  /** The next rows of the global order for a projection: see {@link EventReads#readRows}. */
  public List<GlobalRow> readRows(Checkpoint after, int limit) {
    return reads.readRows(after, limit);
  }

  @Override
  public Stream<EventEnvelope<?>> scanAll(Checkpoint after) {
    return reads.scanAll(after);
  }

  @Override
  public Optional<StreamState> streamState(Object streamId) {
    return streams.state(StreamKeys.of(streamId));
  }

  @Override
  public Stream<StreamState> streamsOfType(String streamType) {
    return streams.ofType(Objects.requireNonNull(streamType, "streamType"));
  }

  @Override
  public boolean archiveStream(Object streamId) {
    return streams.archive(StreamKeys.of(streamId), true);
  }

  @Override
  public boolean unarchiveStream(Object streamId) {
    return streams.archive(StreamKeys.of(streamId), false);
  }

  @Override
  public boolean tombstoneStream(Object streamId) {
    return streams.tombstone(StreamKeys.of(streamId));
  }
}
