package io.rillflow;

/**
 * What a {@link DocumentStore} may change in the database when it starts.
 *
 * <p>Teams that own their DDL choose {@link #NONE} and apply the SQL that
 * {@code store.schema().exportMigration(path)} writes with their own Flyway or Liquibase.
 */
public enum AutoCreate {
  /**
   * Change nothing. Rillflow's own tables and the document tables must already exist: {@code build()}
   * checks them and throws {@link SchemaException} listing every missing table, column or index and
   * every column whose definition differs from its mapping.
   */
  NONE,
  /**
   * Create what is missing (tables, columns, indexes) and migrate Rillflow's own tables; drop nothing.
   * A changed {@code @Duplicated} gets a new column beside the old one, which another application
   * version may still use during a rolling deploy; {@code store.schema().cleanup()} drops the old one.
   */
  CREATE_OR_UPDATE,
  /**
   * The same as {@link #CREATE_OR_UPDATE}: it once also dropped columns no longer mapped, which broke
   * the other version of a rolling deploy. Dropping is now only ever {@code store.schema().cleanup()}.
   */
  ALL
}
