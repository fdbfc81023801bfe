package io.rillflow.sql;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Which names may become SQL identifiers: lower case letters, digits and underscores, starting with
 * a letter or underscore, at most 63 bytes (PostgreSQL's limit, beyond which it silently truncates,
 * so two long names could become one), not starting with {@code pg_}. The processor checks table and
 * column names with it at compile time; the runtime's identifier gate with it at run time.
 */
public final class SqlIdentifiers {
  /** PostgreSQL's NAMEDATALEN - 1. */
  public static final int MAX_BYTES = 63;
  private static final Pattern VALID = Pattern.compile("[a-z_][a-z0-9_]*");

  private SqlIdentifiers() {}

  /** Why {@code name} cannot be an identifier, or {@code null} when it can. */
  public static String problemWith(String name) {
    if (name == null || name.isEmpty()) {
      return "is empty";
    }
    if (name.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      return "is longer than " + MAX_BYTES + " bytes";
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
