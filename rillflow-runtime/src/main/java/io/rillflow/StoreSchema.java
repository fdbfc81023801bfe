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
   * The DDL still missing: tables, columns, indexes. With {@link AutoCreate#ALL} also the
   * statements that rebuild a duplicated column whose {@code @Duplicated} changed and drop one no
   * longer mapped. Reads the catalogue; changes nothing.
   */
  SchemaPlan plan();

  /** Applies {@link #plan()} in one transaction, serialized against other stores doing the same. */
  void apply();

  /**
   * Writes {@link #plan()} as a Flyway SQL migration and returns the file. {@code target} is the
   * file to write, or a directory to write {@code V<yyyyMMddHHmmss>__rillflow_documents.sql} in.
   * Nothing is written when the plan is empty; the result is then {@code null}.
   */
  Path exportMigration(Path target);
}
