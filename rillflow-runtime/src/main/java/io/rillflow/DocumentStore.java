package io.rillflow;

import io.rillflow.aggregates.AggregateRepository;
import io.rillflow.events.EventStore;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.projections.Projections;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The entry point: one per database (and schema) per application, built once, shared by every
 * thread, closed at shutdown.
 *
 * <pre>{@code
 * try (DocumentStore store = DocumentStore.builder()
 *     .url("jdbc:postgresql://localhost:5432/app").username("app").password("secret")
 *     .schema("public")
 *     .build()) {
 *   ...
 * }
 * }</pre>
 *
 * <p>{@link DocumentStoreBuilder#build()} loads every {@link io.rillflow.spi.RillflowModule} the
 * processor generated (through {@link java.util.ServiceLoader}), migrates Rillflow's own tables
 * and, as {@link AutoCreate} allows, the document tables. The store is immutable afterwards.
 */
public interface DocumentStore extends AutoCloseable {

  /** Starts describing a store. */
  static DocumentStoreBuilder builder() {
    return new DocumentStoreBuilder();
  }

  /**
   * A session with an identity map and a unit of work: the same id loads the same instance, and
   * changes are written by {@link DocumentSession#saveChanges()}.
   */
  DocumentSession openSession();

  /**
   * A session, as {@link #openSession()}, that joins a transaction the caller owns: every read and
   * write runs on {@code transaction}, and {@code saveChanges()} writes documents, appends and
   * inline projections there without committing or closing it. The caller commits or rolls back,
   * together with its own statements:
   *
   * <pre>{@code
   * connection.setAutoCommit(false);
   * try (DocumentSession session = store.openSession(connection)) {
   *   session.store(order);
   *   session.events().append(orderId, ExpectedVersion.noStream(), new OrderPlaced(...));
   *   session.saveChanges();                     // written, not committed
   * }
   * insertAuditRow(connection);
   * connection.commit();                         // all of it, or connection.rollback(): none of it
   * }</pre>
   *
   * <p>Under Spring, pass {@code DataSourceUtils.getConnection(dataSource)} inside a
   * {@code @Transactional} method. A connection in auto-commit mode has no transaction to join: there
   * each {@code saveChanges()} is a transaction of its own, as every statement on it would be. The
   * projection daemons learn of the appends when they next poll (at most their poll interval after
   * the caller commits).
   */
  DocumentSession openSession(java.sql.Connection transaction);

  /** A unit of work without an identity map: each load reads the database and returns a new instance. */
  DocumentSession lightweightSession();

  /** As {@link #lightweightSession()}, joining the caller's transaction as {@link #openSession(java.sql.Connection)} does. */
  DocumentSession lightweightSession(java.sql.Connection transaction);

  /**
   * A read-only session: no identity map, no unit of work. With a
   * {@link DocumentStoreBuilder#readReplica(String) read replica} it reads from the replica, which
   * may lag the primary; every other session reads the store's own database.
   */
  QuerySession querySession();

  /**
   * Loads many documents of one type with PostgreSQL's {@code COPY}, in one transaction, failing
   * (and writing nothing) if any id exists. See {@link #bulkInsert(Collection, BulkMode)}.
   *
   * @return how many documents were written
   */
  default <T> long bulkInsert(Collection<T> documents) {
    return bulkInsert(documents, BulkMode.INSERT_ONLY);
  }

  /**
   * Loads many documents of one type with PostgreSQL's {@code COPY}, in one transaction: far faster
   * than {@code saveChanges()} for thousands of documents. Documents are streamed, not held twice
   * in memory. Ids left {@code null} are assigned as by {@code store()}.
   *
   * @return how many documents were inserted or replaced
   * @throws IllegalArgumentException when the documents are not all of one registered type
   */
  <T> long bulkInsert(Collection<T> documents, BulkMode mode);

  /**
   * The generated implementation of a {@code @Repository} interface, bound to this store. Cheap:
   * repositories hold no state but the store.
   *
   * @throws IllegalArgumentException when no generated repository implements {@code type}
   */
  <R extends DocumentRepository<?, ?>> R repository(Class<R> type);

  /**
   * The event streams: append with an expected version, read a stream or every event in global
   * order. Each call is its own transaction; {@link DocumentSession#events()} appends in a unit of
   * work.
   */
  EventStore events();

  /**
   * The streams of an {@code @Aggregate} type: load its state, append, or load-decide-append. Cheap:
   * built when the store starts.
   *
   * <pre>{@code
   * Optional<Order> order = store.aggregates(Order.class).load(orderId);
   * }</pre>
   *
   * @throws IllegalArgumentException when no generated {@code <Type>_Aggregate} is registered for {@code type}
   */
  <A> AggregateRepository<A> aggregates(Class<A> type);

  /**
   * The background snapshotter: snapshots aggregate streams whose tail past their last snapshot is
   * longer than a threshold (see {@link io.rillflow.aggregates.SnapshotCompaction}).
   */
  io.rillflow.aggregates.SnapshotCompaction snapshots();

  /**
   * The projections: the daemon that runs the async ones, and their dead letters.
   *
   * <pre>{@code
   * store.projections().daemon().start();
   * }</pre>
   */
  Projections projections();

  /**
   * The whole store API scoped to one tenant: sessions, repositories, events, aggregates, queries,
   * bulk insert, patch, schema and projections all work on that tenant's data, and only on it. Built
   * once per tenant and cached, so calling this per request costs a map lookup; the first call for a
   * tenant in a process checks that it is provisioned.
   *
   * <pre>{@code
   * try (DocumentSession session = store.forTenant("acme").openSession()) { ... }
   * OrderRepository orders = store.forTenant("acme").repository(OrderRepository.class);
   * }</pre>
   *
   * <p>The view lives as long as this store: its {@code close()} does nothing, closing this store
   * closes it. Its {@code forTenant} and {@code tenants} are this store's.
   *
   * @throws io.rillflow.tenancy.UnknownTenantException when the tenant is not provisioned
   *     ({@code tenants().ensure(id)})
   * @throws IllegalArgumentException when {@code tenantId} is not a valid tenant id
   * @throws IllegalStateException when the store has no tenancy
   */
  DocumentStore forTenant(String tenantId);

  /**
   * The tenants of a store with tenancy: ensure, list, status, migrate, export, import, drop.
   *
   * @throws IllegalStateException when the store has no tenancy
   */
  io.rillflow.tenancy.Tenants tenants();

  /**
   * The subscriptions: named filters over the global order of events, consumed by consumer groups
   * with automatic, manual or transactional acknowledgement.
   *
   * <pre>{@code
   * store.subscriptions().create("emails", SubscriptionFilter.allEvents().eventTypes("OrderPlaced"));
   * store.subscriptions().subscribe("emails", SubscriptionOptions.defaults(), (delivery, handle) -> send(delivery));
   * }</pre>
   */
  io.rillflow.subscriptions.Subscriptions subscriptions();

  /** This store's development breadcrumbs (off until enabled): appends and projection applies by correlation id. */
  Trace trace();

  /** The document tables compared with the mappings: plan, apply, export. */
  StoreSchema schema();

  /** The schema that holds this store's tables. */
  String schemaName();

  /**
   * The tenant this store is scoped to: its id for {@code forTenant(id)}'s store, empty for a store
   * without tenancy and for the root of a store with tenants (which serves none of them itself).
   */
  Optional<String> tenantId();

  /** Every document type registered with this store, by the generated modules or by hand. */
  Set<Class<?>> documentTypes();

  /**
   * The connections this store uses: the pool it made from a URL, or the data source it was given.
   * For raw SQL beside Rillflow; statements run here are not part of any session.
   */
  DataSource dataSource();

  /**
   * Closes the connection pool when the store made it; a data source passed in by the application
   * is left open. Idempotent.
   */
  @Override
  void close();
}
