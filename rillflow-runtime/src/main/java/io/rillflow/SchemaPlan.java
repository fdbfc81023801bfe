package io.rillflow;

import java.util.List;

/**
 * How a store's document tables differ from its mappings: the DDL still missing, in the order it
 * must run, and the drift that adding what is missing does not close. Empty when the database
 * matches the mappings.
 *
 * @param statements each statement, without a trailing semicolon; {@code CONCURRENTLY} index builds
 *     (on tables that already exist) must run outside a transaction
 * @param drift every other difference, each with its fix
 */
public record SchemaPlan(List<String> statements, List<SchemaDrift> drift) {

  public SchemaPlan {
    statements = List.copyOf(statements);
    drift = List.copyOf(drift);
  }

  /** A plan with statements and no drift. */
  public SchemaPlan(List<String> statements) {
    this(statements, List.of());
  }

  /** Whether the database matches the mappings: nothing missing, nothing drifted. */
  public boolean isEmpty() {
    return statements.isEmpty() && drift.isEmpty();
  }

  /** The statements as one SQL script. */
  public String toSql() {
    StringBuilder sql = new StringBuilder();
    for (String statement : statements) {
      sql.append(statement).append(";\n\n");
    }
    return sql.toString();
  }
}
