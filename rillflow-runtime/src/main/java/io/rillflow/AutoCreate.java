package io.rillflow;

/**
 * What a {@link DocumentStore} may change in the database when it starts.
 *
 * <p>Teams that own their DDL choose {@link #NONE} and apply the SQL that
 * {@code store.schema().exportMigration(path)} writes with their own Flyway or Liquibase.
 */
public enum AutoCreate {
  /** Change nothing. Rillflow's own tables and the document tables must already exist. */
  NONE,
  /** Create what is missing (tables, columns, indexes) and migrate Rillflow's own tables; drop nothing. */
  CREATE_OR_UPDATE,
  /**
   * Like {@link #CREATE_OR_UPDATE}, and also rebuild duplicated columns whose {@code @Duplicated}
   * changed and drop those no longer mapped. Columns Rillflow did not create are never dropped.
   */
  ALL
}
