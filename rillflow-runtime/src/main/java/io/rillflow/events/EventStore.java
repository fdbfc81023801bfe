package io.rillflow.events;

import io.rillflow.ConcurrencyException;
import io.rillflow.DocumentSession;
import io.rillflow.DocumentStore;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.UUID;

/**
 * The store's event streams: append with an expected version, read one stream, read every event
 * in global order. From {@link DocumentStore#events()}; thread-safe; each call is its own
 * transaction (use {@link DocumentSession#events()} to append in a unit of work).
 *
 * <pre>{@code
 * EventStore events = store.events();
 * AppendResult r = events.append(orderId, ExpectedVersion.noStream(), new OrderPlaced(orderId, total));
 * events.append(orderId, ExpectedVersion.exactly(r.version()), new OrderShipped(orderId));
 * for (EventEnvelope<?> e : events.readStream(orderId)) { ... }
 * }</pre>
 *
 * <p><b>Stream ids</b> are a {@code UUID} or a {@code String} (not blank); both are stored as text,
 * so {@code UUID u} and {@code u.toString()} name the same stream.
 *
 * <p><b>Events</b> are instances of {@code @Event} classes. Each is stored with its type name and
 * its class's schema version; every read returns the current class of its type, applying the
 * type's {@code @Upcast} chain to older versions. A row that cannot be read fails the read with
 * {@link EventDeserializationException}; an unknown type with {@link UnknownEventTypeException}
 * unless the store {@link UnknownEventTypes#SKIP skips} them.
 *
 * <p><b>Archived</b> streams refuse appends and their events move to a table of their own
 * ({@code rf_events_archived}), so reads of live streams never touch them: they are hidden from
 * every read but {@link #streamState(UUID)}, and from {@link #withArchived()}'s, which read both
 * tables. A <b>tombstoned</b> stream is deleted, events and all.
 */
public interface EventStore {

  /**
   * Appends {@code events} to the stream, in one statement, if the stream is as {@code expected}.
   * Creates the stream when needed (unless {@link ExpectedVersion#streamExists()} or an exact
   * version was expected).
   *
   * @return the versions and position written
   * @throws ConcurrencyException when the stream is not as expected; nothing was written
   * @throws StreamArchivedException when the stream is archived; nothing was written
   * @throws IllegalArgumentException when the id is not a UUID or String, there is no event, or an
   *     event is not of a registered {@code @Event} class
   */
  default AppendResult append(UUID streamId, ExpectedVersion expected, Object... events) {
    return append(streamId, expected, AppendOptions.NONE, Arrays.asList(events));
  }

  /** As the {@code UUID} form, for a stream keyed by a {@code String}. */
  default AppendResult append(String streamId, ExpectedVersion expected, Object... events) {
    return append(streamId, expected, AppendOptions.NONE, Arrays.asList(events));
  }

  /**
   * Appends with headers, causation and correlation ids, or an idempotency key; see
   * {@link #append(UUID, ExpectedVersion, Object...)}.
   *
   * @throws IdempotencyConflictException when an earlier append to the stream used the same key;
   *     nothing was written
   */
  default AppendResult append(UUID streamId, ExpectedVersion expected, AppendOptions options, Object... events) {
    return append(streamId, expected, options, Arrays.asList(events));
  }

  /** As the {@code UUID} form, for a stream keyed by a {@code String}. */
  default AppendResult append(String streamId, ExpectedVersion expected, AppendOptions options, Object... events) {
    return append(streamId, expected, options, Arrays.asList(events));
  }

  /**
   * Appends a list of events, all in one statement however many there are; see
   * {@link #append(UUID, ExpectedVersion, AppendOptions, Object...)}.
   */
  AppendResult append(UUID streamId, ExpectedVersion expected, AppendOptions options, List<?> events);

  /** As the {@code UUID} form, for a stream keyed by a {@code String}. */
  AppendResult append(String streamId, ExpectedVersion expected, AppendOptions options, List<?> events);

  /** Every event of the stream, in version order; empty when it does not exist or is archived. */
  List<EventEnvelope<?>> readStream(UUID streamId);

  /** As the {@code UUID} form, for a stream keyed by a {@code String}. */
  List<EventEnvelope<?>> readStream(String streamId);

  /** The events of the stream from {@code fromVersion} to {@code toVersion}, both included. */
  List<EventEnvelope<?>> readStream(UUID streamId, long fromVersion, long toVersion);

  /** As the {@code UUID} form, for a stream keyed by a {@code String}. */
  List<EventEnvelope<?>> readStream(String streamId, long fromVersion, long toVersion);

  /**
   * The events of the stream from {@code fromVersion} on, read from a server-side cursor a batch at
   * a time: for streams too long to hold in memory. The stream holds a connection until closed:
   * use try-with-resources.
   *
   * <pre>{@code
   * try (Stream<EventEnvelope<?>> events = store.events().scanStream(id, 1)) {
   *   events.forEach(this::handle);
   * }
   * }</pre>
   */
  Stream<EventEnvelope<?>> scanStream(UUID streamId, long fromVersion);

  /** As the {@code UUID} form, for a stream keyed by a {@code String}. */
  Stream<EventEnvelope<?>> scanStream(String streamId, long fromVersion);

  /**
   * At most {@code limit} events after {@code after}, in global order (see {@link Checkpoint}),
   * stopping at the safe point: only events of transactions that ended before the oldest one still
   * open are returned, so nothing can later appear before the last event returned. Continue from
   * the {@link EventEnvelope#checkpoint() checkpoint} of the last event.
   */
  List<EventEnvelope<?>> readAll(Checkpoint after, int limit);

  /**
   * Every event after {@code after} up to the safe point (see {@link #readAll(Checkpoint, int)}),
   * read from a server-side cursor a batch at a time. Close it: use try-with-resources.
   */
  Stream<EventEnvelope<?>> scanAll(Checkpoint after);

  /**
   * Every event whose {@link AppendOptions correlation id} is {@code correlationId}, across streams,
   * in the order they were written (archived streams' events left out): an audit of one business
   * operation without a projection. Indexed.
   */
  List<EventEnvelope<?>> readByCorrelationId(String correlationId);

  /** As {@link #readByCorrelationId(String)}, by {@link AppendOptions causation id}. Indexed. */
  List<EventEnvelope<?>> readByCausationId(String causationId);

  /**
   * As {@link #readAll(Checkpoint, int)}, of one event type only (every stored version of it, read
   * as the current class). Indexed by type, so a rare type costs what its own events cost. Continue
   * from the checkpoint of the last event returned; fewer than {@code limit} means the end.
   *
   * @throws IllegalArgumentException when {@code eventType} is not an event of this store
   */
  List<EventEnvelope<?>> readAll(Class<?> eventType, Checkpoint after, int limit);

  /** The stream's row (also for an archived stream), or empty when it does not exist. */
  Optional<StreamState> streamState(UUID streamId);

  /** As the {@code UUID} form, for a stream keyed by a {@code String}. */
  Optional<StreamState> streamState(String streamId);

  /**
   * Every stream created with {@link AppendOptions.Builder#streamType(String) this type}, archived
   * ones included, by id; read from a cursor, so close it.
   */
  Stream<StreamState> streamsOfType(String streamType);

  /**
   * This event store with reads that take archived streams' events in: every read of it reads the
   * live and the archive table together, each event once, in the same order as a read of live
   * streams would (a stream's events by version, the global order by checkpoint, below the same safe
   * point). Appends, stream rows and archiving are the same as this store's. Slower than a read of
   * live streams only by the archive table's index scans; reads by correlation, causation id or type
   * scan the archive table, which has no index for them. The store's {@code events()} is already
   * this view when it was built with {@code includeArchivedByDefault(true)}.
   */
  EventStore withArchived();

  /**
   * Archives the stream: appends to it are refused from now on, and its events move from the live
   * table to the archive table ({@code rf_events_archived}), keeping their versions, global positions
   * and times, in transactions of {@link ArchiveOptions#batchSize()} events, the newest first. From
   * then on only {@link #withArchived()} reads them; projections and subscriptions never see them
   * again. A read of live streams during the move sees the stream's first events only, never a
   * hole. When a move is cut off (a killed connection), every event is in one table or the other:
   * calling this again goes on from there.
   *
   * @return whether a stream that was not archived is now
   */
  boolean archiveStream(UUID streamId);

  /** As the {@code UUID} form, for a stream keyed by a {@code String}. */
  boolean archiveStream(String streamId);

  /**
   * Makes an archived stream readable and writable again: moves its events back, the oldest first,
   * and takes appends once the last is back. Global readers that are past the events' positions do
   * not see them again. Cut off, it goes on from where it stopped when called again.
   *
   * @return whether an archived stream was restored
   */
  boolean unarchiveStream(UUID streamId);

  /** As the {@code UUID} form, for a stream keyed by a {@code String}. */
  boolean unarchiveStream(String streamId);

  /**
   * Deletes the stream, its events and its snapshot, for good. Its id may be used again, from
   * version 1. Global readers past the stream's events are not affected.
   *
   * @return whether there was a stream to delete
   */
  boolean tombstoneStream(UUID streamId);

  /** As the {@code UUID} form, for a stream keyed by a {@code String}. */
  boolean tombstoneStream(String streamId);

  /**
   * The events matching {@code query} (Dynamic Consistency Boundaries), in global order up to the
   * store's safe point, and the checkpoint of that safe point: what a decision across streams reads
   * before it appends with {@link AppendCondition#failIfEventsMatch(EventQuery)}{@code .after(checkpoint)}.
   * Served by the tag index ({@code @Tag} members) and the type index.
   *
   * @throws IllegalArgumentException when a type of the query is not an event of this store
   */
  EventQueryResult query(EventQuery query);

  /**
   * Appends {@code events} as a new stream (a random UUID) if no event matching the condition's
   * query was committed after its checkpoint, atomically: an append whose query shares a tag key
   * with another's waits for it, appends with disjoint tags never wait for each other. Each event's
   * {@code @Tag}s are stored with it.
   *
   * @return the new stream's id, versions and position
   * @throws AppendConditionException naming the positions of the matching events; nothing was written
   * @throws AppendLockTimeoutException when an open append with overlapping tags held its locks longer than
   *     the condition's {@link AppendCondition#lockWait()}; nothing was written
   */
  default AppendResult append(AppendCondition condition, Object... events) {
    return append(condition, Arrays.asList(events));
  }

  /** As {@link #append(AppendCondition, Object...)}, for a list of events. */
  AppendResult append(AppendCondition condition, List<?> events);

  /**
   * Appends to a stream, as {@link #append(UUID, ExpectedVersion, AppendOptions, List)}, if also no
   * event matching {@code condition} arrived after its checkpoint (see
   * {@link #append(AppendCondition, Object...)}).
   *
   * @throws AppendConditionException naming the positions of the matching events; nothing was written
   */
  AppendResult append(UUID streamId, ExpectedVersion expected, AppendCondition condition, List<?> events);

  /** As the {@code UUID} form, for a stream keyed by a {@code String}. */
  AppendResult append(String streamId, ExpectedVersion expected, AppendCondition condition, List<?> events);

  /** Natural keys for streams: {@code aliases().resolve("orders:42")} gives the stream's id, made on first use. */
  StreamAliases aliases();
}
