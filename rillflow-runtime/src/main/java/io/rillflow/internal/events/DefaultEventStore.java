package io.rillflow.internal.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rillflow.events.AppendCondition;
import io.micrometer.core.instrument.MeterRegistry;
import io.rillflow.events.AppendOptions;
import io.rillflow.events.ArchiveOptions;
import io.rillflow.events.AppendResult;
import io.rillflow.events.Checkpoint;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.EventQuery;
import io.rillflow.events.EventQueryResult;
import io.rillflow.events.EventStore;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.RillflowException;
import io.rillflow.events.StreamAliases;
import io.rillflow.events.StreamState;
import io.rillflow.Trace;
import io.rillflow.internal.tracing.StoreTracing;
import io.rillflow.internal.tracing.TracedWork;
import io.rillflow.events.UnknownEventTypes;
import io.rillflow.internal.sql.Transaction;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.UUID;
import java.util.function.Supplier;
import java.time.Duration;
import io.rillflow.internal.sql.ConnectionScope;
import io.rillflow.QuerySession;
import io.rillflow.internal.sql.TenantFilter;
import javax.sql.DataSource;

/**
 * {@link io.rillflow.DocumentStore#events()}: dispatches each operation to the class that does it.
 * Each store has two: the one over live streams, which projections, subscriptions and aggregates
 * read, and its {@link #withArchived()} view, which differs only in what its reads read.
 */
public final class DefaultEventStore implements EventStore {
  private final DataSource dataSource;
  private final EventTypes types;
  private final EventCatalog catalog;
  private final StreamAppender appender;
  private final EventReads reads;
  private final EnvelopeReader envelopes;
  private final StreamRows streams;
  private final StreamArchive archive;
  /** This store's reads with the archive: itself when it is that view. */
  private final DefaultEventStore withArchived;
  private final AliasRows aliases;
  private final TaggedReads tagged;
  /** The inline projections' step of every append; {@link InlineStep#NONE} when there are none. */
  private final InlineStep inline;
  /** Runs after an append commits (wakes projection daemons); does nothing when nobody listens. */
  private final Runnable committed;
  private final Trace trace;
  /** Headers and ids every append without its own starts from: the builder's {@code appendDefaults}. */
  private final AppendOptions defaults;
  private final StoreTracing tracing;
  /** Plain appends written in groups when the store asked for it; {@link GroupAppender#OFF} else. */
  private final GroupAppender group;
  private final StreamKeys keys;

  /**
   * @param groupAppends the root store's group append threads ({@link GroupWorkers#NONE} when off): this
   *     store's lanes run on them
   * @param tenant a conjoined tenant: streams, events, tags, aliases, archive moves and reads keep to it;
   *     {@link TenantFilter#NONE} else
   * @param keys how the schema stores stream ids ({@code EventStorage.streamIdentity()})
   */
  public DefaultEventStore(DataSource dataSource, String schema, EventCatalog catalog, ObjectMapper mapper,
      UnknownEventTypes unknownTypes, AppendHook hook, Runnable committed, Trace trace, AppendOptions defaults,
      boolean storeWideKeys, StoreTracing tracing, Supplier<QuerySession> lookups, GroupWorkers groupAppends,
      ConnectionScope daemonReplica, Duration daemonReplicaWait, MeterRegistry meters, ArchiveOptions archiveOptions,
      TenantFilter tenant, StreamKeys keys) {
    this.keys = keys;
    this.defaults = defaults.asDefaults();
    this.committed = committed;
    this.trace = trace;
    EventSql sql = new EventSql(schema, storeWideKeys, tenant, keys);
    this.dataSource = dataSource;
    this.types = new EventTypes(catalog, mapper);
    this.catalog = catalog;
    this.tracing = tracing;
    TagSql tagSql = new TagSql(schema, tenant, keys);
    this.appender = new StreamAppender(sql, mapper.writer(), tracing,
        new TagStep(schema, tenant.tenantId(), tagSql, catalog));
    this.envelopes = new EnvelopeReader(new EventDecoder(types, unknownTypes), mapper,
        lookups == null ? UpcastLookups.NONE : new UpcastLookups(lookups));
    // With the daemon reading a replica, each safe point read also reads the WAL position that covers it.
    StoreSafePoint safePoint = new StoreSafePoint(schema, daemonReplica != null);
    this.reads = new EventReads(dataSource, sql.reads, envelopes, safePoint,
        daemonReplica == null ? null : new ReplicaRows(daemonReplica, daemonReplicaWait, safePoint));
    this.tagged = new TaggedReads(dataSource, tagSql, catalog, envelopes, safePoint);
    this.inline = hook == AppendHook.NONE ? InlineStep.NONE : new InlineStep(hook, reads);
    this.streams = new StreamRows(dataSource, sql);
    this.archive = new StreamArchive(dataSource, schema, archiveOptions.batchSize(),
        new ArchiveMetrics(meters, schema, dataSource, !tenant.conjoined()), tenant, keys);
    this.aliases = new AliasRows(dataSource, schema, tenant);
    this.group = GroupAppender.of(dataSource, schema, tenant, keys, appender, groupAppends);
    // The daemon reads the hot store: the view with the archive serves the application's reads, on the primary.
    this.withArchived = new DefaultEventStore(this, new EventReads(dataSource, sql.readsWithArchived, envelopes,
        safePoint, null), new TaggedReads(dataSource, new TagSql(schema, true, tenant, keys), catalog, envelopes, safePoint));
  }

  /** The view of {@code hot} whose reads take archived events in; everything else is {@code hot}'s. */
  private DefaultEventStore(DefaultEventStore hot, EventReads reads, TaggedReads tagged) {
    this.keys = hot.keys;
    this.dataSource = hot.dataSource;
    this.types = hot.types;
    this.catalog = hot.catalog;
    this.appender = hot.appender;
    this.reads = reads;
    this.envelopes = hot.envelopes;
    this.streams = hot.streams;
    this.archive = hot.archive;
    this.aliases = hot.aliases;
    this.tagged = tagged;
    this.inline = hot.inline;
    this.committed = hot.committed;
    this.trace = hot.trace;
    this.defaults = hot.defaults;
    this.tracing = hot.tracing;
    this.group = hot.group;
    this.withArchived = this;
  }

  /** How this store keys its streams: its one rule for stream ids. */
  public StreamKeys streamKeys() {
    return keys;
  }

  @Override
  public DefaultEventStore withArchived() {
    return withArchived;
  }

  /**
   * Stops this store's group append: its appends still waiting fail, a group being written finishes
   * (the root store then stops the threads).
   */
  public void close() {
    group.close();
  }

  @Override
  public StreamAliases aliases() {
    return aliases;
  }

  /** A new, empty queue of appends for one session. */
  public SessionAppends sessionAppends() {
    return new SessionAppends(keys, types, appender, inline, committed, trace, defaults);
  }

  /** A queue of appends that inline projections do not see: for the sessions projections write through. */
  public SessionAppends unprojectedSessionAppends() {
    return new SessionAppends(keys, types, appender, InlineStep.NONE, committed, trace, defaults);
  }

  /** The event at a global position, or {@code null}. */
  public EventEnvelope<?> readAt(Checkpoint at) {
    return reads.readAt(at);
  }

  /** The next rows of the global order as stored, for subscriptions: see {@link EventReads#readRawRows}. */
  public List<RawRow> readRawRows(Checkpoint after, int limit, boolean withStreamType) {
    return reads.readRawRows(after, limit, withStreamType);
  }

  /**
   * The event of a row read raw, or {@code null} when its type is skipped.
   *
   * @throws RillflowException when it cannot be decoded (bad JSON, a failing upcast, an unknown type)
   */
  public EventEnvelope<?> decode(RawRow row) {
    return envelopes.decode(row);
  }

  /** The newest safe point this store has read: a subscription created "now" starts below it. */
  public long safePoint() {
    return reads.safePoint();
  }

  /** The highest global position stored, 0 when there is no event. */
  public long head() {
    return reads.head();
  }

  @Override
  public AppendResult append(UUID streamId, ExpectedVersion expected, AppendOptions options, List<?> events) {
    return append((Object) streamId, expected, options, events);
  }

  @Override
  public AppendResult append(String streamId, ExpectedVersion expected, AppendOptions options, List<?> events) {
    return append((Object) streamId, expected, options, events);
  }

  private AppendResult append(Object streamId, ExpectedVersion expected, AppendOptions options, List<?> events) {
    AppendRequest request = AppendRequest.of(keys, types, streamId, expected, options.over(defaults), events);
    AppendResult result;
    try (TracedWork span = tracing.append(request.streamKey(), request.events().size())) {
      try {
        result = write(request);
      } catch (RuntimeException e) {
        span.failed(e);
        throw e;
      }
    }
    committed.run();
    return result;
  }

  @Override
  public EventQueryResult query(EventQuery query) {
    return tagged.query(Objects.requireNonNull(query, "query"));
  }

  @Override
  public AppendResult append(AppendCondition condition, List<?> events) {
    return append(UUID.randomUUID(), ExpectedVersion.noStream(), condition, events);
  }

  @Override
  public AppendResult append(UUID streamId, ExpectedVersion expected, AppendCondition condition, List<?> events) {
    return append((Object) streamId, expected, condition, events);
  }

  @Override
  public AppendResult append(String streamId, ExpectedVersion expected, AppendCondition condition, List<?> events) {
    return append((Object) streamId, expected, condition, events);
  }

  private AppendResult append(Object streamId, ExpectedVersion expected, AppendCondition condition, List<?> events) {
    AppendRequest request = AppendRequest.of(keys, types, streamId, expected, AppendOptions.NONE.over(defaults), events,
        Objects.requireNonNull(condition, "condition"));
    AppendResult result = write(request);
    committed.run();
    return result;
  }

  private AppendResult write(AppendRequest request) {
    // Inline projections and DCB locks, checks and tags need a transaction of their own; plain
    // appends go with a group when the store groups them, else each is one statement.
    boolean projected = inline.wanted(List.of(request));
    if (!projected && group.takes(request)) {
      AppendResult result = group.append(request);
      AppendTrace.record(trace, request, result);
      return result;
    }
    try (Connection connection = dataSource.getConnection()) {
      if (projected || request.tagged()) {
        return Transaction.run(connection, c -> {
          AppendResult result = appender.append(c, request);
          AppendTrace.record(trace, request, result);
          if (projected) {
            inline.run(c);
          }
          return result;
        });
      }
      // One statement: with autocommit it is its own transaction, in one round trip.
      if (!connection.getAutoCommit()) {
        connection.setAutoCommit(true);
      }
      AppendResult result = appender.append(connection, request);
      AppendTrace.record(trace, request, result);
      return result;
    } catch (SQLException e) {
      throw new RillflowException("Cannot append to stream " + request.streamKey() + "; nothing was written: "
          + e.getMessage(), e);
    }
  }

  @Override
  public List<EventEnvelope<?>> readStream(UUID streamId) {
    return readStream((Object) streamId);
  }

  @Override
  public List<EventEnvelope<?>> readStream(String streamId) {
    return readStream((Object) streamId);
  }

  private List<EventEnvelope<?>> readStream(Object streamId) {
    return reads.readStream(keys.key(streamId), 1, Long.MAX_VALUE);
  }

  @Override
  public List<EventEnvelope<?>> readStream(UUID streamId, long fromVersion, long toVersion) {
    return readStream((Object) streamId, fromVersion, toVersion);
  }

  @Override
  public List<EventEnvelope<?>> readStream(String streamId, long fromVersion, long toVersion) {
    return readStream((Object) streamId, fromVersion, toVersion);
  }

  private List<EventEnvelope<?>> readStream(Object streamId, long fromVersion, long toVersion) {
    return reads.readStream(keys.key(streamId), fromVersion, toVersion);
  }

  /**
   * The events of the stream from {@code fromVersion} to {@code toVersion}, read on a connection
   * the caller holds: inside a unit of work's transaction, it sees that transaction's own appends.
   * The same statement and decoding (upcasts included) as {@link #readStream(UUID, long, long)}.
   */
  public List<EventEnvelope<?>> readStream(Connection connection, String streamKey, long fromVersion, long toVersion) {
    return reads.readStream(connection, streamKey, fromVersion, toVersion);
  }

  @Override
  public Stream<EventEnvelope<?>> scanStream(UUID streamId, long fromVersion) {
    return scanStream((Object) streamId, fromVersion);
  }

  @Override
  public Stream<EventEnvelope<?>> scanStream(String streamId, long fromVersion) {
    return scanStream((Object) streamId, fromVersion);
  }

  private Stream<EventEnvelope<?>> scanStream(Object streamId, long fromVersion) {
    return reads.scanStream(keys.key(streamId), fromVersion);
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
  public List<EventEnvelope<?>> readByCorrelationId(String correlationId) {
    return reads.readByCorrelationId(correlationId);
  }

  @Override
  public List<EventEnvelope<?>> readByCausationId(String causationId) {
    return reads.readByCausationId(causationId);
  }

  @Override
  public List<EventEnvelope<?>> readAll(Class<?> eventType, Checkpoint after, int limit) {
    String name = catalog.typeName(Objects.requireNonNull(eventType, "eventType"));
    if (name == null) {
      throw new IllegalArgumentException(eventType.getName() + " is not an event of this store: annotate it @Event"
          + " and make sure the Rillflow processor ran on it");
    }
    return reads.readAllOfType(name, after, limit);
  }

  @Override
  public Optional<StreamState> streamState(UUID streamId) {
    return streamState((Object) streamId);
  }

  @Override
  public Optional<StreamState> streamState(String streamId) {
    return streamState((Object) streamId);
  }

  private Optional<StreamState> streamState(Object streamId) {
    return streams.state(keys.key(streamId));
  }

  @Override
  public Stream<StreamState> streamsOfType(String streamType) {
    return streams.ofType(Objects.requireNonNull(streamType, "streamType"));
  }

  @Override
  public boolean archiveStream(UUID streamId) {
    return archiveStream((Object) streamId);
  }

  @Override
  public boolean archiveStream(String streamId) {
    return archiveStream((Object) streamId);
  }

  private boolean archiveStream(Object streamId) {
    return archive.archive(keys.key(streamId));
  }

  @Override
  public boolean unarchiveStream(UUID streamId) {
    return unarchiveStream((Object) streamId);
  }

  @Override
  public boolean unarchiveStream(String streamId) {
    return unarchiveStream((Object) streamId);
  }

  private boolean unarchiveStream(Object streamId) {
    return archive.unarchive(keys.key(streamId));
  }

  @Override
  public boolean tombstoneStream(UUID streamId) {
    return tombstoneStream((Object) streamId);
  }

  @Override
  public boolean tombstoneStream(String streamId) {
    return tombstoneStream((Object) streamId);
  }

  private boolean tombstoneStream(Object streamId) {
    return streams.tombstone(keys.key(streamId));
  }
}
