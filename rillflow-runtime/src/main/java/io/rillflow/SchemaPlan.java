package io.rillflow;

import java.util.List;

/**
 * The DDL a store's document tables still need, in the order it must run: empty when the database
 * already matches the mappings.
 *
 * @param statements each statement, without a trailing semicolon
 */
public record SchemaPlan(List<String> statements) {

  public SchemaPlan {
    statements = List.copyOf(statements);
  }

  /** Whether nothing is missing. */
  public boolean isEmpty() {
    return statements.isEmpty();
  }

  /** The plan as one SQL script. */
  public String toSql() {
    StringBuilder sql = new StringBuilder();
    for (String statement : statements) {
      sql.append(statement).append(";\n\n");
    }
    return sql.toString();
  }
}
