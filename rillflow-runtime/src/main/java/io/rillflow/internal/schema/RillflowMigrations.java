package io.rillflow.internal.schema;

import io.rillflow.SchemaException;
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

  private static final Logger LOG = LoggerFactory.getLogger(RillflowMigrations.class);
  private static final String LOCATION = "classpath:io/rillflow/migration";

  private RillflowMigrations() {}

  /** Migrates the schema, creating it when missing. */
  public static void migrate(DataSource dataSource, String schema) {
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
}
