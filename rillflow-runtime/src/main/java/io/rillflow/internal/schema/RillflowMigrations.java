package io.rillflow.internal.schema;

import io.rillflow.SchemaException;
import io.rillflow.internal.sql.Identifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings Rillflow's own tables (streams, events, snapshots, projections, dead letters) to the
 * current version with Flyway. They live in the store's schema with a history table of their own,
 * {@value #HISTORY_TABLE}, so an application's own Flyway history is never touched.
 */
public final class RillflowMigrations {
  /** Flyway's history table for Rillflow's migrations, in the store's schema. */
  public static final String HISTORY_TABLE = "rillflow_schema_history";

  /** The highest version among this jar's migrations ({@code RillflowMigrationsTest} checks it against the files). */
  static final int LATEST_VERSION = 96;

  /** The version this jar brings Rillflow's tables to: the start-up line names it. */
  public static int latestVersion() {
    return LATEST_VERSION;
  }

  private static final Logger LOG = LoggerFactory.getLogger(RillflowMigrations.class);
  private static final String LOCATION = "classpath:io/rillflow/migration";

  private RillflowMigrations() {}

  /**
   * Migrates the schema, creating it when missing. A schema whose history already holds this jar's
   * latest migration, all successful, is left alone without starting Flyway: a store start then
   * costs two queries instead of Flyway's scan, validation and lock.
   */
  public static void migrate(DataSource dataSource, String schema) {
    if (upToDate(dataSource, schema)) {
      return;
    }
    Flyway flyway = Flyway.configure(RillflowMigrations.class.getClassLoader())
        .dataSource(dataSource)
        .schemas(schema)
        .defaultSchema(schema)
        .table(HISTORY_TABLE)
        .locations(LOCATION)
        .load();
    try {
      MigrateResult result = flyway.migrate();
      if (result.migrationsExecuted > 0) {
        LOG.info("Migrated Rillflow tables in schema {} to version {}", schema, result.targetSchemaVersion);
      }
    } catch (FlywayException e) {
      throw new SchemaException(
          "Cannot migrate Rillflow's tables in schema \"" + schema + "\": " + e.getMessage(), e);
    }
  }

  /**
   * The highest Rillflow migration applied successfully in {@code schema}; 0 when none (or no history).
   *
   * @throws SchemaException when the history cannot be read
   */
  public static int appliedVersion(DataSource dataSource, String schema) {
    String history = Identifiers.quote(schema) + "." + Identifiers.quote(HISTORY_TABLE);
    try (Connection connection = dataSource.getConnection();
        PreparedStatement exists = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
      exists.setString(1, history);
      try (ResultSet row = exists.executeQuery()) {
        if (!row.next() || !row.getBoolean(1)) {
          return 0;
        }
      }
      try (Statement statement = connection.createStatement();
          ResultSet row = statement.executeQuery("SELECT coalesce(max(CAST(version AS integer)), 0) FROM " + history
              + " WHERE version IS NOT NULL AND success")) {
        return row.next() ? row.getInt(1) : 0;
      }
    } catch (SQLException e) {
      throw new SchemaException("Cannot read Rillflow's migration history in schema \"" + schema + "\": "
          + e.getMessage(), e);
    }
  }

  /**
   * Whether the history shows this jar's latest migration (or a later one) applied and no migration
   * failed. Any doubt (no schema, no history, no right to read it) answers {@code false}, and Flyway
   * decides.
   */
  static boolean upToDate(DataSource dataSource, String schema) {
    String history = Identifiers.quote(schema) + "." + Identifiers.quote(HISTORY_TABLE);
    try (Connection connection = dataSource.getConnection()) {
      try (PreparedStatement exists = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
        exists.setString(1, history);
        try (ResultSet row = exists.executeQuery()) {
          if (!row.next() || !row.getBoolean(1)) {
            return false;
          }
        }
      }
      try (Statement statement = connection.createStatement();
          ResultSet row = statement.executeQuery("SELECT coalesce(max(CAST(version AS integer)), 0),"
              + " coalesce(bool_and(success), false) FROM " + history + " WHERE version IS NOT NULL")) {
        return row.next() && row.getInt(1) >= LATEST_VERSION && row.getBoolean(2);
      } finally {
        if (!connection.getAutoCommit()) {
          connection.rollback();
        }
      }
    } catch (SQLException e) {
      LOG.debug("Cannot read Rillflow's migration history in schema {}; Flyway will: {}", schema, e.getMessage());
      return false;
    }
  }
}
