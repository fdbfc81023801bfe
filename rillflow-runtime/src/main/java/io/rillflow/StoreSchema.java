package io.rillflow;

import java.nio.file.Path;

/**
 * The document tables of a store, compared with its mappings: what is missing, applying it, or
 * writing it out for teams that own their DDL.
 *
 * <pre>{@code
 * SchemaPlan plan = store.schema().plan();          // what is still missing
 * store.schema().exportMigration(Path.of("src/main/resources/db/migration"));
 * }</pre>
 */
public interface StoreSchema {

  /**
   * Every difference between the mappings and the database: the DDL still missing (tables, columns,
   * indexes; a changed {@code @Duplicated} gets a new column beside the old one) and the drift
   * (columns and indexes no longer mapped, changed definitions, unmapped document tables with rows).
   * Reads the catalogue; changes nothing.
   */
  SchemaPlan plan();

  /**
   * Runs {@link #plan()}'s statements, serialized against other stores doing the same: tables and
   * columns in one transaction, then each index on an existing table built {@code CONCURRENTLY}
   * outside it, every statement under a {@code lock_timeout} so a long transaction on a big table
   * fails the step instead of queueing every reader behind it. Drops nothing.
   */
  void apply();

  /**
   * The contract step of a rolling deploy, run once no older version still uses the schema: drops
   * the duplicated columns and Rillflow indexes that this version's mappings do not use (with
   * their data: a column comes back from the JSON when re-added), and returns each statement run.
   * Never drops a table nor a column or index Rillflow did not create.
   */
  java.util.List<String> cleanup();

  /**
   * Writes {@link #plan()} as a Flyway SQL migration and returns the file. {@code target} is the
   * file to write, or a directory to write {@code V<yyyyMMddHHmmss>__rillflow_documents.sql} in.
   * Nothing is written when the plan is empty; the result is then {@code null}.
   */
  Path exportMigration(Path target);
}
