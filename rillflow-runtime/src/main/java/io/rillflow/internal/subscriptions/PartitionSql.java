package io.rillflow.internal.subscriptions;

import io.rillflow.internal.events.GlobalOrder;
import io.rillflow.internal.sql.Identifiers;
import io.rillflow.internal.sql.TenantFilter;

/**
 * Every statement of the subscriptions, qualified for one store's schema and built once when the
 * store starts.
 *
 * <p><b>Lease protocol</b> (the rule of projections' {@code ProjectionSql}, over many rows). Each
 * partition of a group is a row of {@code rf_subscription_partitions} with its checkpoint, its holder
 * ({@code owner}, {@code lease_until}) and an {@code epoch}, the fencing token. {@link #acquire} takes
 * rows nobody holds or whose lease ended and raises their epoch in the same statement, skipping rows
 * another transaction has locked (never waiting on a frozen holder). Every checkpoint write
 * ({@link #checkpoint}, {@link #ackInTransaction}) moves a row only where owner and epoch are still
 * the writer's and the checkpoint is still the one the writer last knew (compare and set): a member
 * that lost a partition, whatever its clock or a pause says, can never move its checkpoint, and an
 * acknowledgement whose transaction rolled back is noticed by the next write instead of skipped.
 * Times are the database's ({@code clock_timestamp()}).
 *
 * <p><b>Fair share.</b> Members heartbeat in {@code rf_subscription_members}; each takes partitions
 * up to {@code ceil(partitions / live members)} and releases what it holds above that, so partitions
 * move within a renewal when a member joins or leaves, and within a lease when one dies.
 *
 * <p><b>Tenants.</b> For a conjoined tenant every statement keeps to its {@code tenant_id} (a checked
 * literal in the text, as {@link TenantFilter} says why) and every insert writes it; the head and lag of a
 * group count only the tenant's events.
 */
final class PartitionSql {
  private static final String LEASE_END = "clock_timestamp() + CAST(? AS bigint) * interval '1 millisecond'";

  final String createSubscription;
  final String findSubscription;
  final String listSubscriptions;
  final String deleteSubscription;
  final String ensureGroup;
  final String ensurePartitions;
  final String setMaxInFlight;
  final String groups;
  final String groupExists;
  final String heartbeat;
  final String leaveGroup;
  final String groupShape;
  final String acquire;
  final String renew;
  final String release;
  final String checkpoint;
  final String ackInTransaction;
  final String partitionRow;
  final String recordFailure;
  final String partitions;
  final String members;
  final String head;
  final String lag;
  final String seek;
  final String park;
  final String parked;
  final String parkedCount;
  final String requeue;
  final String deleteParked;
  final String requeuedOfGroup;
  final String requeueFailed;

  /**
   * @param tenant a conjoined tenant: every row written carries it and every statement keeps to it (it
   *     leads the keys, see {@code ConjoinedKeys}); {@link TenantFilter#NONE} leaves every statement as a
   *     store without tenants has it
   */
  PartitionSql(String schema, TenantFilter tenant) {
    String subscriptions = table(schema, "rf_subscriptions");
    String groupsTable = table(schema, "rf_subscription_groups");
    String partitionsTable = table(schema, "rf_subscription_partitions");
    String membersTable = table(schema, "rf_subscription_members");
    String parkedTable = table(schema, "rf_subscription_parked");
    String events = table(schema, "rf_events");
    String t = tenant.and();
    createSubscription = "INSERT INTO " + subscriptions
        + " (" + tenant.column() + "name, event_types, stream_types, tenant, start_tx_id, start_position, partitions)"
        + " VALUES (" + tenant.value() + "?, CAST(? AS text[]), CAST(? AS text[]), ?, ?, ?, ?)"
        + " ON CONFLICT (" + tenant.column() + "name) DO NOTHING";
    String subscriptionColumns = "SELECT name, event_types, stream_types, tenant, start_tx_id, start_position,"
        + " partitions, created_at FROM " + subscriptions;
    findSubscription = subscriptionColumns + " WHERE name = ?" + t;
    listSubscriptions = subscriptionColumns + tenant.where() + " ORDER BY name";
    deleteSubscription = "DELETE FROM " + subscriptions + " WHERE name = ?" + t;
    ensureGroup = "INSERT INTO " + groupsTable + " (" + tenant.column() + "subscription, grp, max_in_flight)"
        + " VALUES (" + tenant.value() + "?, ?, ?) ON CONFLICT (" + tenant.column() + "subscription, grp)"
        + " DO UPDATE SET max_in_flight = CASE WHEN excluded.max_in_flight > 0"
        + " THEN excluded.max_in_flight ELSE " + groupsTable + ".max_in_flight END";
    // A new group's partitions start where the subscription starts.
    ensurePartitions = "INSERT INTO " + partitionsTable + " (" + tenant.column() + "subscription, grp, partition,"
        + " tx_id, position) SELECT " + tenant.value() + "s.name, ?, p, s.start_tx_id, s.start_position FROM "
        + subscriptions + " s, generate_series(0, s.partitions - 1) AS p WHERE s.name = ?" + tenant.and("s")
        + " ON CONFLICT DO NOTHING";
    setMaxInFlight = "UPDATE " + groupsTable + " SET max_in_flight = ? WHERE subscription = ? AND grp = ?" + t;
    groups = "SELECT grp FROM " + groupsTable + " WHERE subscription = ?" + t + " ORDER BY grp";
    groupExists = "SELECT max_in_flight FROM " + groupsTable + " WHERE subscription = ? AND grp = ?" + t;
    heartbeat = "INSERT INTO " + membersTable + " AS m (" + tenant.column() + "subscription, grp, member, alive_until)"
        + " VALUES (" + tenant.value() + "?, ?, ?, " + LEASE_END + ") ON CONFLICT (" + tenant.column()
        + "subscription, grp, member) DO UPDATE SET alive_until = excluded.alive_until";
    leaveGroup = "DELETE FROM " + membersTable + " WHERE subscription = ? AND grp = ? AND member = ?" + t;
    // What a member's tick needs in one round trip: live members, the group's max in-flight.
    groupShape = "SELECT (SELECT count(*) FROM " + membersTable + " WHERE subscription = ? AND grp = ?" + t
        + " AND alive_until > clock_timestamp()), g.max_in_flight FROM " + groupsTable + " g"
        + " WHERE g.subscription = ? AND g.grp = ?" + tenant.and("g");
    acquire = "UPDATE " + partitionsTable + " p SET owner = ?, epoch = p.epoch + 1, lease_until = " + LEASE_END
        + ", updated_at = now() FROM (SELECT partition FROM " + partitionsTable
        + " WHERE subscription = ? AND grp = ?" + t
        + " AND (owner IS NULL OR lease_until IS NULL OR lease_until < clock_timestamp())"
        + " ORDER BY partition LIMIT ? FOR UPDATE SKIP LOCKED) free"
        + " WHERE p.subscription = ? AND p.grp = ? AND p.partition = free.partition" + tenant.and("p")
        + " RETURNING p.partition, p.epoch, p.tx_id, p.position, p.failing_position, p.failing_attempts";
    // An expired lease is not renewed: the member must acquire it again (a new epoch) like anyone else.
    renew = "UPDATE " + partitionsTable + " p SET lease_until = " + LEASE_END + " FROM unnest(CAST(? AS integer[]),"
        + " CAST(? AS bigint[])) AS v(part, epoch) WHERE p.subscription = ? AND p.grp = ? AND p.partition = v.part"
        + tenant.and("p") + " AND p.owner = ? AND p.epoch = v.epoch AND p.lease_until > clock_timestamp()"
        + " RETURNING p.partition";
    release = "UPDATE " + partitionsTable + " p SET owner = NULL, lease_until = NULL, updated_at = now()"
        + " FROM unnest(CAST(? AS integer[]), CAST(? AS bigint[])) AS v(part, epoch)"
        + " WHERE p.subscription = ? AND p.grp = ? AND p.partition = v.part" + tenant.and("p")
        + " AND p.owner = ? AND p.epoch = v.epoch";
    checkpoint = "UPDATE " + partitionsTable + " p SET tx_id = v.tx, position = v.pos, failing_position = NULL,"
        + " failing_attempts = 0, updated_at = now() FROM unnest(CAST(? AS integer[]), CAST(? AS bigint[]),"
        + " CAST(? AS bigint[]), CAST(? AS bigint[]), CAST(? AS bigint[]), CAST(? AS bigint[]))"
        + " AS v(part, epoch, old_tx, old_pos, tx, pos) WHERE p.subscription = ? AND p.grp = ? AND p.partition = v.part"
        + tenant.and("p") + " AND p.owner = ? AND p.epoch = v.epoch AND p.tx_id = v.old_tx AND p.position = v.old_pos"
        + " RETURNING p.partition";
    ackInTransaction = "UPDATE " + partitionsTable + " SET tx_id = ?, position = ?, failing_position = NULL,"
        + " failing_attempts = 0, updated_at = now() WHERE subscription = ? AND grp = ? AND partition = ?" + t
        + " AND owner = ? AND epoch = ? AND tx_id = ? AND position = ?";
    partitionRow = "SELECT owner, epoch, tx_id, position FROM " + partitionsTable
        + " WHERE subscription = ? AND grp = ? AND partition = ?" + t;
    recordFailure = "UPDATE " + partitionsTable + " SET failing_position = ?, failing_attempts = ?, updated_at = now()"
        + " WHERE subscription = ? AND grp = ? AND partition = ?" + t + " AND owner = ? AND epoch = ?";
    partitions = "SELECT partition, tx_id, position, owner, epoch, lease_until FROM " + partitionsTable
        + " WHERE subscription = ? AND grp = ?" + t + " ORDER BY partition";
    members = "SELECT member, alive_until FROM " + membersTable
        + " WHERE subscription = ? AND grp = ?" + t + " AND alive_until > clock_timestamp() ORDER BY member";
    head = GlobalOrder.head(" FROM " + events, tenant);
    lag = "SELECT count(*) FROM " + events
        + " WHERE " + tenant.leading() + GlobalOrder.AFTER_CHECKPOINT;
    seek = "UPDATE " + partitionsTable + " SET tx_id = ?, position = ?, owner = NULL, lease_until = NULL,"
        + " epoch = epoch + 1, failing_position = NULL, failing_attempts = 0, updated_at = now()"
        + " WHERE subscription = ? AND grp = ?" + t;
    park = "INSERT INTO " + parkedTable + " (" + tenant.column() + "subscription, grp, tx_id, seq_id, stream_id,"
        + " version, type, schema_version, data, headers, attempts, error) VALUES (" + tenant.value()
        + "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    String parkedColumns = "SELECT id, subscription, grp, tx_id, seq_id, stream_id, version, type, schema_version,"
        + " data, headers, attempts, error, requeued, created_at FROM " + parkedTable;
    parked = parkedColumns + " WHERE subscription = ? AND grp = ?" + t + " ORDER BY tx_id, seq_id, id";
    parkedCount = "SELECT count(*) FROM " + parkedTable + " WHERE subscription = ? AND grp = ?" + t;
    // A parked event's id is unique in the table, not per tenant: the tenant keeps one tenant off another's.
    requeue = "UPDATE " + parkedTable + " SET requeued = true WHERE id = ?" + t;
    deleteParked = "DELETE FROM " + parkedTable + " WHERE id = ?" + t;
    requeueFailed = "UPDATE " + parkedTable + " SET requeued = false, attempts = attempts + 1, error = ?,"
        + " created_at = now() WHERE id = ?" + t;
    requeuedOfGroup = parkedColumns + " WHERE subscription = ? AND grp = ?" + t
        + " AND requeued ORDER BY tx_id, seq_id, id";
  }

  private static String table(String schema, String name) {
    return Identifiers.quote(schema) + "." + Identifiers.quote(name);
  }
}
