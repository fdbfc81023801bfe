package io.rillflow.internal.sql;

import java.util.regex.Pattern;

/**
 * The one gate between a name and SQL text. A schema, table, column or tenant name reaches SQL only
 * after {@link #quote} checked it: lower case letters, digits and underscores, starting with a
 * letter or underscore, at most 63 bytes (PostgreSQL's limit, beyond which it silently truncates).
 * Values never pass here: they are bound parameters.
 */
public final class Identifiers {
  private static final Pattern VALID = Pattern.compile("[a-z_][a-z0-9_]*");
  private static final int MAX_LENGTH = 63;

  private Identifiers() {}

  /** Why {@code name} cannot be an identifier, or {@code null} when it can. */
  public static String problemWith(String name) {
    if (name == null || name.isEmpty()) {
      return "is empty";
    }
    if (name.length() > MAX_LENGTH) {
      return "is longer than " + MAX_LENGTH + " characters";
    }
    if (!VALID.matcher(name).matches()) {
      return "must be lower case letters, digits and underscores, starting with a letter or underscore";
    }
    if (name.startsWith("pg_")) {
      return "starts with pg_, which PostgreSQL reserves";
    }
    return null;
  }

  /**
   * The name in double quotes, ready for SQL text.
   *
   * @throws IllegalArgumentException naming the identifier and what is wrong with it
   */
  public static String quote(String name) {
    String problem = problemWith(name);
    if (problem != null) {
      throw new IllegalArgumentException("Identifier \"" + name + "\" " + problem);
    }
    return '"' + name + '"';
  }
}
