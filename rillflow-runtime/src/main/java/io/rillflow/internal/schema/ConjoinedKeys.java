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
 * The keys of Rillflow's stream, event, snapshot, projection and dead-letter tables in a store schema with
 * conjoined tenants: {@code tenant_id} (V90) leads the streams', snapshots' and projections' primary keys,
 * the events' (stream, version) and idempotency keys and the dead letters' index, and a
 * {@code (tenant_id, tx_id, seq_id)} index serves each tenant's global read.
 * A schema is conjoined or not, for good: a store of the other kind refuses it when it starts, naming
 * why, rather than fail on its first append.
 *
 * <p>Why not a migration: migrations are one list for every store, and these keys are per mode. The
 * change runs in one transaction, under a lock on the tables, and creates its marker index
 * ({@value #MARKER}) last, so a schema has all of it or none.
 */
public final class ConjoinedKeys {
  /** Present exactly when the schema's keys are conjoined. */
  static final String MARKER = "rf_events_tenant_global";

  private ConjoinedKeys() {}

  /**
   * Brings the keys of {@code schema} to the store's mode: a conjoined store's first start changes them
   * (unless {@code autoCreate} is {@link AutoCreate#NONE}, where it fails saying so); a store of the other
   * mode fails on a schema whose keys are not its own.
   */
  public static void settle(DataSource dataSource, String schema, boolean conjoined, AutoCreate autoCreate) {
    try (Connection connection = dataSource.getConnection()) {
      boolean marked = marked(connection, schema);
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
      convert(connection, schema);
    } catch (SQLException e) {
      throw new SchemaException("Cannot set up the keys of schema \"" + schema + "\" for Tenancy.conjoined(): "
          + e.getMessage(), e);
    }
  }

  private static boolean marked(Connection connection, String schema) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(
        "SELECT to_regclass(quote_ident(?) || '." + MARKER + "') IS NOT NULL")) {
      statement.setString(1, schema);
      try (ResultSet row = statement.executeQuery()) {
        row.next();
        return row.getBoolean(1);
      }
    }
  }

  private static void convert(Connection connection, String schema) throws SQLException {
    String s = Identifiers.quote(schema) + ".";
    List<String> steps = List.of(
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
    Transaction.run(connection, c -> {
      try (Statement statement = c.createStatement()) {
        statement.execute(steps.get(0));
        // Another store may have converted the schema while this one waited for the lock.
        if (!marked(c, schema)) {
          for (String step : steps.subList(1, steps.size())) {
            statement.execute(step);
          }
        }
      }
      return null;
    });
  }
}
