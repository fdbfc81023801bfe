package io.rillflow.internal.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.rillflow.QuerySession;
import io.rillflow.RillflowException;
import io.rillflow.Trace;
import io.rillflow.events.AppendCondition;
import io.rillflow.events.AppendOptions;
import io.rillflow.events.AppendResult;
import io.rillflow.events.ArchiveOptions;
import io.rillflow.events.Checkpoint;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.EventQuery;
import io.rillflow.events.EventQueryResult;
import io.rillflow.events.EventStore;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.events.StreamAliases;
import io.rillflow.events.StreamState;
import io.rillflow.events.UnknownEventTypes;
import io.rillflow.internal.sql.ConnectionScope;
import io.rillflow.internal.sql.TenantFilter;
import io.rillflow.internal.tracing.StoreTracing;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * {@link io.rillflow.DocumentStore#events()}: dispatches each operation to the class that does it.
 * Each store has two: the one over live streams, which projections, subscriptions and aggregates
 * read, and its {@link #withArchived()} view, which differs only in what its reads read.
 */
public final class DefaultEventStore implements EventStore {
  private final EventCatalog catalog;
  private final StreamKeys keys;
  /** How this store writes appends, its sessions' too; shared with its view. */
  private final DirectAppends appends;
  private final EventReads reads;
  private final EnvelopeReader envelopes;
  private final StreamRows streams;
  private final StreamArchive archive;
  /** This store's reads with the archive: itself when it is that view. */
  private final DefaultEventStore withArchived;
  private final AliasRows aliases;
  private final TaggedReads tagged;

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
    this.catalog = catalog;
    EventSql sql = new EventSql(schema, storeWideKeys, tenant, keys);
    EventTypes types = new EventTypes(catalog, mapper);
    TagSql tagSql = new TagSql(schema, tenant, keys);
    StreamAppender appender = new StreamAppender(sql, mapper.writer(), tracing,
        new TagStep(schema, tenant.tenantId(), tagSql, catalog));
    this.envelopes = new EnvelopeReader(new EventDecoder(types, unknownTypes), mapper,
        lookups == null ? UpcastLookups.NONE : new UpcastLookups(lookups));
    // With the daemon reading a replica, each safe point read also reads the WAL position that covers it.
    StoreSafePoint safePoint = new StoreSafePoint(schema, daemonReplica != null);
    this.reads = new EventReads(dataSource, sql.reads, envelopes, safePoint,
        daemonReplica == null ? null : new ReplicaRows(daemonReplica, daemonReplicaWait, safePoint));
    this.tagged = new TaggedReads(dataSource, tagSql, catalog, envelopes, safePoint);
    InlineStep inline = hook == AppendHook.NONE ? InlineStep.NONE : new InlineStep(hook, reads);
    this.appends = new DirectAppends(dataSource, keys, types, appender, inline, committed, trace, defaults, tracing,
        GroupAppender.of(dataSource, schema, tenant, keys, appender, groupAppends));
    this.streams = new StreamRows(dataSource, sql);
    this.archive = new StreamArchive(dataSource, schema, archiveOptions.batchSize(),
        new ArchiveMetrics(meters, schema, dataSource, !tenant.conjoined()), tenant, keys);
    this.aliases = new AliasRows(dataSource, schema, tenant);
    // The daemon reads the hot store: the view with the archive serves the application's reads, on the primary.
    this.withArchived = new DefaultEventStore(this, new EventReads(dataSource, sql.readsWithArchived, envelopes,
        safePoint, null), new TaggedReads(dataSource, new TagSql(schema, true, tenant, keys), catalog, envelopes, safePoint));
  }

  /** The view of {@code hot} whose reads take archived events in; everything else is {@code hot}'s. */
  private DefaultEventStore(DefaultEventStore hot, EventReads reads, TaggedReads tagged) {
    this.catalog = hot.catalog;
    this.keys = hot.keys;
    this.appends = hot.appends;
    this.reads = reads;
    this.envelopes = hot.envelopes;
    this.streams = hot.streams;
    this.archive = hot.archive;
    this.aliases = hot.aliases;
    this.tagged = tagged;
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
    appends.close();
  }

  @Override
  public StreamAliases aliases() {
    return aliases;
  }

  /** A new, empty queue of appends for one session. */
  public SessionAppends sessionAppends() {
    return appends.forSession();
  }

  /** A queue of appends that inline projections do not see: for the sessions projections write through. */
  public SessionAppends unprojectedSessionAppends() {
    return appends.unprojected();
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
    return appends.append(streamId, expected, options, events);
  }

  @Override
  public AppendResult append(String streamId, ExpectedVersion expected, AppendOptions options, List<?> events) {
    return appends.append(streamId, expected, options, events);
  }

  @Override
  public EventQueryResult query(EventQuery query) {
    return tagged.query(Objects.requireNonNull(query, "query"));
  }

  @Override
  public AppendResult append(AppendCondition condition, List<?> events) {
    return appends.append(UUID.randomUUID(), ExpectedVersion.noStream(), condition, events);
  }

  @Override
  public AppendResult append(UUID streamId, ExpectedVersion expected, AppendCondition condition, List<?> events) {
    return appends.append(streamId, expected, condition, events);
  }

  @Override
  public AppendResult append(String streamId, ExpectedVersion expected, AppendCondition condition, List<?> events) {
    return appends.append(streamId, expected, condition, events);
  }

  @Override
  public List<EventEnvelope<?>> readStream(UUID streamId) {
    return reads.readStream(keys.key(streamId), 1, Long.MAX_VALUE);
  }

  @Override
  public List<EventEnvelope<?>> readStream(String streamId) {
    return reads.readStream(keys.key(streamId), 1, Long.MAX_VALUE);
  }

  @Override
  public List<EventEnvelope<?>> readStream(UUID streamId, long fromVersion, long toVersion) {
    return reads.readStream(keys.key(streamId), fromVersion, toVersion);
  }

  @Override
  public List<EventEnvelope<?>> readStream(String streamId, long fromVersion, long toVersion) {
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
    return reads.scanStream(keys.key(streamId), fromVersion);
  }

  @Override
  public Stream<EventEnvelope<?>> scanStream(String streamId, long fromVersion) {
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
    return streams.state(keys.key(streamId));
  }

  @Override
  public Optional<StreamState> streamState(String streamId) {
    return streams.state(keys.key(streamId));
  }

  @Override
  public Stream<StreamState> streamsOfType(String streamType) {
    return streams.ofType(Objects.requireNonNull(streamType, "streamType"));
  }

  @Override
  public boolean archiveStream(UUID streamId) {
    return archive.archive(keys.key(streamId));
  }

  @Override
  public boolean archiveStream(String streamId) {
    return archive.archive(keys.key(streamId));
  }

  @Override
  public boolean unarchiveStream(UUID streamId) {
    return archive.unarchive(keys.key(streamId));
  }

  @Override
  public boolean unarchiveStream(String streamId) {
    return archive.unarchive(keys.key(streamId));
  }

  @Override
  public boolean tombstoneStream(UUID streamId) {
    return streams.tombstone(keys.key(streamId));
  }

  @Override
  public boolean tombstoneStream(String streamId) {
    return streams.tombstone(keys.key(streamId));
  }
}
