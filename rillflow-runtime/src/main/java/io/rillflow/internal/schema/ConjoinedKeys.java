package io.rillflow.internal.schema;

import io.rillflow.AutoCreate;
import io.rillflow.SchemaException;
import io.rillflow.internal.sql.Identifiers;
import io.rillflow.internal.sql.Transaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The keys of Rillflow's tables in a store schema with conjoined tenants: {@code tenant_id} (V90, V92..V95)
 * leads the streams', snapshots' and projections' primary keys, the events' (stream, version) and
 * idempotency keys, hot and archived, the dead letters' index, the event tags' index, the stream aliases'
 * keys, the store-wide idempotency keys, and the subscriptions', groups', partitions' and members' keys and
 * the foreign keys between them (one name in two tenants is two subscriptions); a
 * {@code (tenant_id, tx_id, seq_id)} index on each events table serves each tenant's global read.
 * A schema is conjoined or not, for good: a store of the other kind refuses it when it starts, naming
 * why, rather than fail on its first append.
 *
 * <p>Why not a migration: migrations are one list for every store, and these keys are per mode. The
 * change comes in stages (events; tags, aliases, keys and archive; subscriptions: each came with later
 * migrations, so a schema converted by an earlier version has the first stages only), each run in one
 * transaction, under a lock on its tables, creating its marker index last, so a schema has all of a stage
 * or none of it, and gets the stages it lacks on its next start.
 */
public final class ConjoinedKeys {
  /** Present exactly when the schema's keys are conjoined. */
  static final String MARKER = "rf_events_tenant_global";
  /** Present when the second stage (tags, aliases, store-wide keys, archive: V92..V94) is done too. */
  static final String TAGS_MARKER = "rf_events_archived_tenant_global";
  /** Present when the third stage (the subscription tables: V95) is done too. */
  static final String SUBSCRIPTIONS_MARKER = "rf_subscription_parked_tenant_group";

  private ConjoinedKeys() {}

  /**
   * Brings the keys of {@code schema} to the store's mode: a conjoined store's first start changes them
   * (unless {@code autoCreate} is {@link AutoCreate#NONE}, where it fails saying so); a store of the other
   * mode fails on a schema whose keys are not its own.
   */
  public static void settle(DataSource dataSource, String schema, boolean conjoined, AutoCreate autoCreate) {
    try (Connection connection = dataSource.getConnection()) {
      boolean marked = marked(connection, schema, MARKER);
      if (!conjoined) {
        if (marked) {
          throw new SchemaException("Schema \"" + schema + "\" holds the events of a store with Tenancy.conjoined()"
              + " (tenant_id leads its keys): build this store with .tenancy(Tenancy.conjoined()), or use another schema");
        }
        return;
      }
      Map<String, List<String>> missing = new LinkedHashMap<>();
      if (!marked) {
        missing.put(MARKER, eventSteps(schema));
      }
      if (!marked(connection, schema, TAGS_MARKER)) {
        missing.put(TAGS_MARKER, tagSteps(schema));
      }
      if (!marked(connection, schema, SUBSCRIPTIONS_MARKER)) {
        missing.put(SUBSCRIPTIONS_MARKER, subscriptionSteps(schema));
      }
      if (missing.isEmpty()) {
        return;
      }
      if (autoCreate == AutoCreate.NONE) {
        throw new SchemaException("Schema \"" + schema + "\" is not "
            + (marked ? "wholly set up for Tenancy.conjoined() (it was by an earlier version)" : "set up for Tenancy.conjoined()")
            + ": tenant_id must lead the keys of rf_streams, rf_events, rf_events_archived, rf_snapshots, rf_projections,"
            + " rf_event_tags, rf_stream_aliases, rf_idempotency_keys and the rf_subscription tables, and AutoCreate.NONE"
            + " does not change it: start once with AutoCreate.CREATE_OR_UPDATE");
      }
      for (Map.Entry<String, List<String>> stage : missing.entrySet()) {
        convert(connection, schema, stage.getKey(), stage.getValue());
      }
    } catch (SQLException e) {
      throw new SchemaException("Cannot set up the keys of schema \"" + schema + "\" for Tenancy.conjoined(): "
          + e.getMessage(), e);
    }
  }

  private static boolean marked(Connection connection, String schema, String marker) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(
        "SELECT to_regclass(quote_ident(?) || '." + marker + "') IS NOT NULL")) {
      statement.setString(1, schema);
      try (ResultSet row = statement.executeQuery()) {
        row.next();
        return row.getBoolean(1);
      }
    }
  }

  /** The first stage: streams, events, snapshots, projections and dead letters; its marker last. */
  private static List<String> eventSteps(String schema) {
    String s = Identifiers.quote(schema) + ".";
    return List.of(
        // The lock first, in the order appends take them: a racing store waits here, then finds the marker.
        "LOCK TABLE " + s + "rf_streams, " + s + "rf_events, " + s + "rf_snapshots, " + s + "rf_projections, " + s
            + "rf_dead_letters IN ACCESS EXCLUSIVE MODE",
        "ALTER TABLE " + s + "rf_streams DROP CONSTRAINT rf_streams_pkey,"
            + " ADD CONSTRAINT rf_streams_pkey PRIMARY KEY (tenant_id, stream_id)",
        "ALTER TABLE " + s + "rf_events DROP CONSTRAINT rf_events_stream_version,"
            + " ADD CONSTRAINT rf_events_stream_version UNIQUE (tenant_id, stream_id, version)",
        "DROP INDEX " + s + "rf_events_idempotency",
        "CREATE UNIQUE INDEX rf_events_idempotency ON " + s + "rf_events (tenant_id, stream_id, idempotency_key)"
            + " WHERE idempotency_key IS NOT NULL",
        "ALTER TABLE " + s + "rf_snapshots DROP CONSTRAINT rf_snapshots_pkey,"
            + " ADD CONSTRAINT rf_snapshots_pkey PRIMARY KEY (tenant_id, stream_id)",
        "ALTER TABLE " + s + "rf_projections DROP CONSTRAINT rf_projections_pkey,"
            + " ADD CONSTRAINT rf_projections_pkey PRIMARY KEY (tenant_id, name)",
        "DROP INDEX " + s + "rf_dead_letters_projection",
        "CREATE INDEX rf_dead_letters_projection ON " + s + "rf_dead_letters (tenant_id, projection, seq_id)",
        "CREATE INDEX " + MARKER + " ON " + s + "rf_events (tenant_id, tx_id, seq_id)");
  }

  /**
   * The second stage: the archive's keys, the tag index, the aliases' and the store-wide idempotency keys;
   * its marker last. Tag rows written before V92 (plain appends of tagged events) take their event's tenant.
   */
  private static List<String> tagSteps(String schema) {
    String s = Identifiers.quote(schema) + ".";
    return List.of(
        // rf_events first, as appends take it before the tags and keys they write.
        "LOCK TABLE " + s + "rf_events, " + s + "rf_events_archived, " + s + "rf_event_tags, " + s
            + "rf_idempotency_keys, " + s + "rf_stream_aliases IN ACCESS EXCLUSIVE MODE",
        "UPDATE " + s + "rf_event_tags t SET tenant_id = e.tenant_id FROM " + s + "rf_events e"
            + " WHERE e.seq_id = t.seq_id AND t.tenant_id <> e.tenant_id",
        "UPDATE " + s + "rf_event_tags t SET tenant_id = e.tenant_id FROM " + s + "rf_events_archived e"
            + " WHERE e.seq_id = t.seq_id AND t.tenant_id <> e.tenant_id",
        "DROP INDEX " + s + "rf_event_tags_tag",
        "CREATE INDEX rf_event_tags_tag ON " + s + "rf_event_tags (tenant_id, tag, tx_id, seq_id) INCLUDE (type)",
        "ALTER TABLE " + s + "rf_stream_aliases DROP CONSTRAINT rf_stream_aliases_pkey,"
            + " ADD CONSTRAINT rf_stream_aliases_pkey PRIMARY KEY (tenant_id, alias),"
            + " DROP CONSTRAINT rf_stream_aliases_stream_id_key,"
            + " ADD CONSTRAINT rf_stream_aliases_stream_id_key UNIQUE (tenant_id, stream_id)",
        "ALTER TABLE " + s + "rf_idempotency_keys DROP CONSTRAINT rf_idempotency_keys_pkey,"
            + " ADD CONSTRAINT rf_idempotency_keys_pkey PRIMARY KEY (tenant_id, idempotency_key)",
        "ALTER TABLE " + s + "rf_events_archived DROP CONSTRAINT rf_events_archived_stream_version,"
            + " ADD CONSTRAINT rf_events_archived_stream_version UNIQUE (tenant_id, stream_id, version)",
        "CREATE INDEX " + TAGS_MARKER + " ON " + s + "rf_events_archived (tenant_id, tx_id, seq_id)");
  }

  /**
   * The third stage, the subscription tables' keys (V50's default constraint names): the foreign keys go first, as each
   * names the key it references, and come back with the tenant in front.
   */
  private static List<String> subscriptionSteps(String schema) {
    String s = Identifiers.quote(schema) + ".";
    String group = "(tenant_id, subscription, grp) REFERENCES " + s
        + "rf_subscription_groups (tenant_id, subscription, grp) ON DELETE CASCADE";
    return List.of(
        "LOCK TABLE " + s + "rf_subscriptions, " + s + "rf_subscription_groups, " + s + "rf_subscription_partitions, "
            + s + "rf_subscription_members, " + s + "rf_subscription_parked IN ACCESS EXCLUSIVE MODE",
        "ALTER TABLE " + s + "rf_subscription_partitions DROP CONSTRAINT rf_subscription_partitions_subscription_grp_fkey",
        "ALTER TABLE " + s + "rf_subscription_members DROP CONSTRAINT rf_subscription_members_subscription_grp_fkey",
        "ALTER TABLE " + s + "rf_subscription_parked DROP CONSTRAINT rf_subscription_parked_subscription_grp_fkey",
        "ALTER TABLE " + s + "rf_subscription_groups DROP CONSTRAINT rf_subscription_groups_subscription_fkey,"
            + " DROP CONSTRAINT rf_subscription_groups_pkey",
        "ALTER TABLE " + s + "rf_subscriptions DROP CONSTRAINT rf_subscriptions_pkey,"
            + " ADD CONSTRAINT rf_subscriptions_pkey PRIMARY KEY (tenant_id, name)",
        "ALTER TABLE " + s + "rf_subscription_groups"
            + " ADD CONSTRAINT rf_subscription_groups_pkey PRIMARY KEY (tenant_id, subscription, grp),"
            + " ADD CONSTRAINT rf_subscription_groups_subscription_fkey FOREIGN KEY (tenant_id, subscription)"
            + " REFERENCES " + s + "rf_subscriptions (tenant_id, name) ON DELETE CASCADE",
        "ALTER TABLE " + s + "rf_subscription_partitions DROP CONSTRAINT rf_subscription_partitions_pkey,"
            + " ADD CONSTRAINT rf_subscription_partitions_pkey PRIMARY KEY (tenant_id, subscription, grp, partition),"
            + " ADD CONSTRAINT rf_subscription_partitions_subscription_grp_fkey FOREIGN KEY " + group,
        "ALTER TABLE " + s + "rf_subscription_members DROP CONSTRAINT rf_subscription_members_pkey,"
            + " ADD CONSTRAINT rf_subscription_members_pkey PRIMARY KEY (tenant_id, subscription, grp, member),"
            + " ADD CONSTRAINT rf_subscription_members_subscription_grp_fkey FOREIGN KEY " + group,
        "ALTER TABLE " + s + "rf_subscription_parked"
            + " ADD CONSTRAINT rf_subscription_parked_subscription_grp_fkey FOREIGN KEY " + group,
        "DROP INDEX " + s + "rf_subscription_parked_group",
        "CREATE INDEX " + SUBSCRIPTIONS_MARKER + " ON " + s
            + "rf_subscription_parked (tenant_id, subscription, grp, tx_id, seq_id)");
  }

  /** Runs {@code steps} (a lock first) in one transaction, unless {@code marker} is there once the lock is held. */
  private static void convert(Connection connection, String schema, String marker, List<String> steps)
      throws SQLException {
    Transaction.run(connection, c -> {
      try (Statement statement = c.createStatement()) {
        statement.execute(steps.get(0));
        // Another store may have converted the schema while this one waited for the lock.
        if (!marked(c, schema, marker)) {
          for (String step : steps.subList(1, steps.size())) {
            statement.execute(step);
          }
        }
      }
      return null;
    });
  }
}
