package io.rillflow.internal.sql;

import io.rillflow.sql.SqlIdentifiers;

/**
 * The one gate between a name and SQL text. A schema, table, column or tenant name reaches SQL only
 * after {@link #quote} checked it against the rule the processor checks at compile time
 * ({@link SqlIdentifiers}): lower case letters, digits and underscores, starting with a letter or
 * underscore, at most 63 bytes (PostgreSQL's limit, beyond which it silently truncates). Values
 * never pass here: they are bound parameters.
 */
public final class Identifiers {
  private Identifiers() {}

  /** Why {@code name} cannot be an identifier, or {@code null} when it can. */
  public static String problemWith(String name) {
    return SqlIdentifiers.problemWith(name);
  }

  /**
   * The name in double quotes, ready for SQL text.
   *
   * @throws IllegalArgumentException naming the identifier and what is wrong with it
   */
  public static String quote(String name) {
    return SqlIdentifiers.quote(name);
  }

  /**
   * A tenant id as an SQL string literal ({@code 'acme'}), for a conjoined store's tenant predicate:
   * checked by the identifier rule first, so it holds no quote or backslash to escape.
   *
   * @throws IllegalArgumentException naming the id and what is wrong with it
   */
  public static String literal(String name) {
    String problem = problemWith(name);
    if (problem != null) {
      throw new IllegalArgumentException("\"" + name + "\" " + problem);
    }
    return "'" + name + "'";
  }
}
