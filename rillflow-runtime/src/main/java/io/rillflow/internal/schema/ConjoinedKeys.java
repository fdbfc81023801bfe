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
import java.util.List;
import javax.sql.DataSource;

/**
 * The keys of Rillflow's stream, event, snapshot, projection, dead-letter and subscription tables in a store
 * schema with conjoined tenants: {@code tenant_id} (V90, V95) leads the streams', snapshots' and projections'
 * primary keys, the events' (stream, version) and idempotency keys and the dead letters' index, and a
 * {@code (tenant_id, tx_id, seq_id)} index serves each tenant's global read; the subscriptions', groups',
 * partitions' and members' keys and the foreign keys between them start with it too, so one name in two
 * tenants is two subscriptions.
 * A schema is conjoined or not, for good: a store of the other kind refuses it when it starts, naming
 * why, rather than fail on its first append.
 *
 * <p>Why not a migration: migrations are one list for every store, and these keys are per mode. Each
 * change (the event tables', then the subscription tables', which came a version later and so may meet a
 * schema whose event keys are already conjoined) runs in one transaction, under a lock on its tables, and
 * creates its marker index last, so a schema has all of a change or none of it.
 */
public final class ConjoinedKeys {
  /** Present exactly when the schema's keys are conjoined. */
  static final String MARKER = "rf_events_tenant_global";
  /** Present exactly when the subscription tables' keys are conjoined (V95 came after {@link #MARKER}). */
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
      if (marked && conjoined && !marked(connection, schema, SUBSCRIPTIONS_MARKER)) {
        if (autoCreate == AutoCreate.NONE) {
          throw new SchemaException("Schema \"" + schema + "\" was set up for Tenancy.conjoined() before subscriptions"
              + " kept tenants apart (tenant_id must lead the keys of the rf_subscription tables), and AutoCreate.NONE"
              + " does not change it: start once with AutoCreate.CREATE_OR_UPDATE");
        }
        convert(connection, schema, SUBSCRIPTIONS_MARKER, subscriptionSteps(schema));
        return;
      }
      if (marked == conjoined) {
        return;
      }
      if (!conjoined) {
        throw new SchemaException("Schema \"" + schema + "\" holds the events of a store with Tenancy.conjoined()"
            + " (tenant_id leads its keys): build this store with .tenancy(Tenancy.conjoined()), or use another schema");
      }
      if (autoCreate == AutoCreate.NONE) {
        throw new SchemaException("Schema \"" + schema + "\" is not set up for Tenancy.conjoined() (tenant_id must"
            + " lead the keys of rf_streams, rf_events, rf_snapshots and rf_projections), and AutoCreate.NONE does not change it:"
            + " start once with AutoCreate.CREATE_OR_UPDATE");
      }
      convert(connection, schema, MARKER, eventSteps(schema));
      convert(connection, schema, SUBSCRIPTIONS_MARKER, subscriptionSteps(schema));
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
   * The subscription tables' keys (V50's default constraint names): the foreign keys go first, as each
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
