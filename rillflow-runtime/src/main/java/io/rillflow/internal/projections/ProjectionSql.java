package io.rillflow.internal.projections;

import io.rillflow.internal.events.GlobalOrder;
import io.rillflow.internal.sql.Identifiers;
import io.rillflow.internal.sql.TenantFilter;

/**
 * Every statement of the projections, qualified for one store's schema and built once when the
 * store starts.
 *
 * <p><b>Lease protocol.</b> A projection's row in {@code rf_projections} holds its checkpoint
 * ({@code tx_id}, {@code position}), its holder ({@code owner}, {@code lease_until}) and an
 * {@code epoch}, the fencing token. {@link #acquire} takes a row that nobody holds or whose lease
 * ended, and raises the epoch in the same statement; {@link #checkpoint} moves the checkpoint only
 * where the epoch (and owner) are still the caller's, in the batch's transaction, as its first
 * statement: the row lock it takes makes a concurrent takeover wait for the batch, and a batch that
 * starts after a takeover updates nothing, so it rolls back its read model. The row also counts the
 * tries of the event after the checkpoint while it fails ({@link #recordFailure}; any checkpoint
 * write clears them), so the count survives a takeover. Pause, reset and rebuild
 * also raise the epoch and clear the owner, which fences whoever held the row. Times are the
 * database's ({@code clock_timestamp()}), never a node's clock.
 *
 * <p><b>Bounded batches.</b> A holder frozen inside a batch (a stopped process, a GC pause, a
 * partition) must neither keep the row locked nor commit later: {@link #checkpoint} and
 * {@link #fence} also set, for the rest of their transaction, {@code idle_in_transaction_session_timeout}
 * and {@code statement_timeout} to the lease's length, so the server ends a batch that stalls that
 * long, rolling back its read-model writes with its checkpoint, and releases the row; a takeover
 * ({@link #acquire}) runs with a short {@code lock_timeout} and gives up rather than wait on a
 * row lock. A frozen holder is thus replaced within about a lease after its lease ends, and on
 * waking finds its connection closed.
 *
 * <p><b>Commits without waiting for the disk.</b> {@link #checkpoint} also sets
 * {@code synchronous_commit} off for its transaction: the batch's commit returns before its WAL is
 * flushed. A server crash can then lose the last batches committed (PostgreSQL flushes within three
 * {@code wal_writer_delay}s, 600 ms by default), but only whole transactions, in commit order: the
 * read model and the checkpoint that say they were applied go together, and the projection applies
 * those events again from the checkpoint that survived. Nothing else is at stake: the events are the
 * appenders' own, durably committed transactions; a lost dead letter is a failing event tried again.
 * Measured in {@code ProjectionCatchUpBench}: with read models written per batch the flush at every
 * commit was the daemon's largest wait. Appends and inline projections keep the server's setting.
 */
final class ProjectionSql {
  private static final String LEASE_END = "clock_timestamp() + CAST(? AS bigint) * interval '1 millisecond'";
  /** Bounds the rest of the caller's transaction by the lease (milliseconds, bound twice as text). */
  private static final String BOUND_BY_LEASE = " RETURNING set_config('idle_in_transaction_session_timeout', ?, true),"
      + " set_config('statement_timeout', ?, true)";

  final String acquire;
  final String renew;
  final String release;
  final String checkpoint;
  final String recordFailure;
  final String fence;
  final String pause;
  final String resume;
  final String reset;
  final String rows;
  final String deadLetterCounts;
  final String lag;
  final String head;
  final String oldestWriter;
  final String insertDeadLetter;
  final String deadLetters;
  final String requeue;
  final String deleteDeadLetter;
  final String deleteDeadLetters;
  final String requeued;
  final String requeueFailed;

  /**
   * @param tenant a conjoined tenant: each (projection, tenant) has its own row, checkpoint, lease and epoch
   *     ({@code tenant_id} leads the key, see {@code ConjoinedKeys}) and its own dead letters;
   *     {@link TenantFilter#NONE} leaves every statement as a store without tenants has it
   */
  ProjectionSql(String schema, TenantFilter tenant) {
    String key = tenant.column() + "name";
    String byName = " WHERE name = ?" + tenant.and();
    String projections = Identifiers.quote(schema) + "." + Identifiers.quote("rf_projections");
    String letters = Identifiers.quote(schema) + "." + Identifiers.quote("rf_dead_letters");
    String events = Identifiers.quote(schema) + "." + Identifiers.quote("rf_events");
    acquire = "INSERT INTO " + projections + " AS p (" + key + ", owner, epoch, lease_until) VALUES (" + tenant.value()
        + "?, ?, 1, " + LEASE_END + ")"
        + " ON CONFLICT (" + key + ") DO UPDATE SET owner = excluded.owner, epoch = p.epoch + 1,"
        + " lease_until = excluded.lease_until, updated_at = now()"
        + " WHERE p.status = 'running' AND (p.owner IS NULL OR p.lease_until IS NULL OR p.lease_until < clock_timestamp())"
        + " RETURNING p.epoch, p.tx_id, p.position, p.failing_position, p.failing_attempts";
    // An expired lease is not renewed: the holder must acquire it again (a new epoch) like anyone else.
    renew = "UPDATE " + projections + " SET lease_until = " + LEASE_END
        + byName + " AND owner = ? AND epoch = ? AND status = 'running' AND lease_until > clock_timestamp()";
    release = "UPDATE " + projections + " SET owner = NULL, lease_until = NULL, updated_at = now()"
        + byName + " AND owner = ? AND epoch = ?";
    checkpoint = "UPDATE " + projections + " SET tx_id = ?, position = ?, lease_until = " + LEASE_END + ","
        + " failing_position = NULL, failing_attempts = 0, updated_at = now()"
        + byName + " AND owner = ? AND epoch = ? AND status = 'running'" + BOUND_BY_LEASE
        + ", set_config('synchronous_commit', 'off', true)";
    recordFailure = "UPDATE " + projections + " SET failing_position = ?, failing_attempts = ?, updated_at = now()"
        + byName + " AND owner = ? AND epoch = ? AND status = 'running'";
    fence = "UPDATE " + projections + " SET lease_until = " + LEASE_END + ", updated_at = now()"
        + byName + " AND owner = ? AND epoch = ? AND status = 'running'" + BOUND_BY_LEASE;
    pause = "INSERT INTO " + projections + " AS p (" + key + ", status, epoch) VALUES (" + tenant.value() + "?, 'paused', 1)"
        + " ON CONFLICT (" + key + ") DO UPDATE SET status = 'paused', owner = NULL, lease_until = NULL,"
        + " epoch = p.epoch + 1, updated_at = now()";
    resume = "UPDATE " + projections + " SET status = 'running', updated_at = now()" + byName;
    reset = "INSERT INTO " + projections + " AS p (" + key + ", tx_id, position, epoch) VALUES (" + tenant.value()
        + "?, ?, ?, 1) ON CONFLICT (" + key + ") DO UPDATE SET tx_id = excluded.tx_id, position = excluded.position, owner = NULL,"
        + " lease_until = NULL, epoch = p.epoch + 1, failing_position = NULL, failing_attempts = 0, updated_at = now()";
    rows = "SELECT name, tx_id, position, status, owner, epoch, lease_until FROM " + projections + tenant.where();
    deadLetterCounts = "SELECT projection, count(*) FROM " + letters + tenant.where() + " GROUP BY projection";
    lag = "SELECT count(*) FROM " + events
        + " WHERE " + tenant.leading() + GlobalOrder.AFTER_CHECKPOINT;
    head = GlobalOrder.head(" FROM " + events, tenant);
    // The appender holding this store's safe point back longest (see StoreSafePoint), once it has been
    // open a second: an append that is merely running is no news.
    oldestWriter = "SELECT a.pid, s.datname, extract(epoch FROM clock_timestamp() - s.xact_start), s.query"
        + " FROM " + Identifiers.quote(schema) + ".rf_appenders() a JOIN pg_stat_activity s ON s.pid = a.pid"
        + " WHERE a.pid <> pg_backend_pid() AND s.xact_start < clock_timestamp() - interval '1 second'"
        + " ORDER BY a.lowest_ticket NULLS LAST, s.xact_start LIMIT 1";
    insertDeadLetter = "INSERT INTO " + letters + " (" + tenant.column()
        + "projection, tx_id, seq_id, stream_id, version, type, attempts, error) VALUES (" + tenant.value()
        + "?, ?, ?, ?, ?, ?, ?, ?)";
    String byProjection = " WHERE projection = ?" + tenant.and();
    // A dead letter's id is unique store-wide; the tenant's predicate keeps another tenant's id from matching.
    String byId = " WHERE id = ?" + tenant.and();
    deadLetters = "SELECT id, projection, tx_id, seq_id, stream_id, version, type, attempts, error, requeued, created_at"
        + " FROM " + letters + byProjection + " ORDER BY tx_id, seq_id, id";
    requeue = "UPDATE " + letters + " SET requeued = true" + byId;
    deleteDeadLetter = "DELETE FROM " + letters + byId;
    deleteDeadLetters = "DELETE FROM " + letters + byProjection;
    requeued = "SELECT id, tx_id, seq_id, attempts FROM " + letters + byProjection + " AND requeued ORDER BY tx_id, seq_id, id";
    requeueFailed = "UPDATE " + letters + " SET requeued = false, attempts = attempts + 1, error = ?,"
        + " created_at = now()" + byId;
  }
}
