package io.rillflow.internal.aggregates;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rillflow.aggregates.AggregateRepository;
import io.rillflow.DocumentStore;
import io.rillflow.RillflowException;
import io.rillflow.internal.document.DocumentTable;
import io.rillflow.internal.sql.TenantFilter;
import io.rillflow.internal.document.DocumentTables;
import io.rillflow.internal.events.DefaultEventStore;
import io.rillflow.internal.events.EventCatalog;
import io.rillflow.internal.events.SessionAppends;
import io.rillflow.internal.events.StreamKeys;
import io.rillflow.internal.session.BoundSession;
import io.rillflow.internal.session.SessionFactory;
import io.rillflow.internal.sql.ConnectionScope;
import io.rillflow.spi.AggregateMapping;
import java.sql.SQLException;
import io.rillflow.aggregates.SnapshotCompaction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The aggregates of one store: each registered type checked and prepared once when the store
 * starts, and the repositories over them (one per type, built then too; they hold no other state).
 */
public final class Aggregates {
  private final Map<Class<?>, AggregateRepository<?>> repositories;
  private final SnapshotCompaction compaction;

  public Aggregates(Map<Class<?>, AggregateMapping<?>> mappings, EventCatalog catalog, DefaultEventStore events,
      DocumentTables tables, DocumentStore store, ConnectionScope scope, String schema, ObjectMapper objectMapper,
      TenantFilter tenant) {
    StreamKeys keys = events.streamKeys();
    Snapshots snapshots = new Snapshots(new AggregateSql(schema, tenant, keys));
    AggregateLoader loader = new AggregateLoader(events, snapshots);
    Parts parts = new Parts(scope, store, loader, snapshots, keys);
    Map<Class<?>, AggregateRepository<?>> built = new HashMap<>();
    List<AggregateType<?>> types = new ArrayList<>();
    for (AggregateMapping<?> mapping : mappings.values()) {
      AggregateType<?> type = type(mapping, catalog, tables, objectMapper);
      types.add(type);
      built.put(mapping.aggregateType(), repository(type, parts));
    }
    this.repositories = Map.copyOf(built);
    this.compaction = new SnapshotCompactor(scope, loader, snapshots, schema, tenant, keys, types);
  }

  /** The store's background snapshotter: {@link io.rillflow.DocumentStore#snapshots()}. */
  public SnapshotCompaction compaction() {
    return compaction;
  }

  /** What every repository of the store shares. */
  record Parts(ConnectionScope scope, DocumentStore store, AggregateLoader loader, Snapshots snapshots,
      StreamKeys keys) {

    /** Runs a load on the store's own scope. */
    <A> Loaded<A> load(AggregateType<A> type, String stream, long atVersion) {
      return load(scope, type, stream, atVersion);
    }

    /** Runs a load on {@code on}: a session's scope sees what its joined transaction wrote. */
    <A> Loaded<A> load(ConnectionScope on, AggregateType<A> type, String stream, long atVersion) {
      try {
        return on.statement(connection -> loader.load(connection, type, stream, atVersion));
      } catch (SQLException e) {
        throw new RillflowException("Cannot load " + type.name() + " " + stream + ": " + e.getMessage(), e);
      }
    }

    /** The state at {@code version} for the API's load: empty when there is none. */
    <A> Optional<A> state(ConnectionScope on, AggregateType<A> type, Object id, long version) {
      if (version < 1) {
        throw new IllegalArgumentException("A stream version is 1 or more, but was " + version);
      }
      Loaded<A> loaded = load(on, type, keys.key(id), version);
      return loaded == null ? Optional.empty() : Optional.ofNullable(loaded.state());
    }

    /** The session's queue of appends, when it is a session of this store. */
    BoundSession bound(io.rillflow.DocumentSession session) {
      return SessionFactory.bound(session);
    }
  }

  private static <A> AggregateType<A> type(AggregateMapping<A> mapping, EventCatalog catalog, DocumentTables tables,
      ObjectMapper objectMapper) {
    DocumentTable<A, Object> inline = AggregateType.inline(mapping) ? tables.of(mapping.aggregateType()) : null;
    return new AggregateType<>(mapping, catalog, objectMapper, inline);
  }

  private static <A> AggregateRepository<A> repository(AggregateType<A> type, Parts parts) {
    return new DefaultAggregateRepository<>(type, parts);
  }

  /**
   * The repository of {@code type}.
   *
   * @throws IllegalArgumentException when {@code type} is not a registered aggregate
   */
  @SuppressWarnings("unchecked")
  public <A> AggregateRepository<A> of(Class<A> type) {
    AggregateRepository<?> repository = repositories.get(type);
    if (repository == null) {
      throw new IllegalArgumentException(type.getName() + " is not an aggregate of this store: annotate it "
          + "@Aggregate and make sure the Rillflow processor ran on it (its " + type.getSimpleName()
          + "_Aggregate must exist)");
    }
    return (AggregateRepository<A>) repository;
  }
}
