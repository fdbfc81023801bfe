package io.rillflow.internal.schema;

import io.rillflow.SchemaDrift;
import io.rillflow.SchemaPlan;
import java.util.ArrayList;
import java.util.List;

/**
 * What comparing a schema's catalogue with the mappings found: the statements that add what is
 * missing (those that may run in one transaction, then the concurrent index builds that may not),
 * and the drift, split by whether it stops this version from working.
 */
final class SchemaChanges {
  private final List<String> inTransaction = new ArrayList<>();
  private final List<String> concurrent = new ArrayList<>();
  private final List<SchemaDrift> drift = new ArrayList<>();
  private final List<SchemaDrift> breaking = new ArrayList<>();
  private final List<String> missing = new ArrayList<>();

  /** Records what this version needs and the database lacks, for the failure under AutoCreate.NONE. */
  void missing(String what) {
    missing.add(what);
  }

  void inTransaction(String sql) {
    inTransaction.add(sql);
  }

  void concurrent(String sql) {
    concurrent.add(sql);
  }

  /** Records a drift; {@code breaks} when this version's queries would be wrong with it in place. */
  void drift(SchemaDrift found, boolean breaks) {
    drift.add(found);
    if (breaks) {
      breaking.add(found);
    }
  }

  List<String> inTransaction() {
    return inTransaction;
  }

  List<String> concurrent() {
    return concurrent;
  }

  List<SchemaDrift> drift() {
    return drift;
  }

  /** What this version cannot run with: every missing object and every breaking drift, one line each. */
  List<String> failures() {
    List<String> failures = new ArrayList<>();
    missing.forEach(m -> failures.add("missing " + m));
    breaking.forEach(d -> failures.add("drift: " + d.description()));
    return failures;
  }

  SchemaPlan plan() {
    List<String> statements = new ArrayList<>(inTransaction);
    statements.addAll(concurrent);
    return new SchemaPlan(statements, drift);
  }
}
