package io.rillflow.internal.document;

import io.rillflow.internal.sql.Identifiers;
import io.rillflow.spi.DuplicatedField;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * One {@code @Duplicated} field as a column: its definition (type and generating expression) and
 * the two names it may have.
 *
 * <p>Expand/contract for rolling deploys: two application versions may share one table while they
 * disagree on a field's definition (say one adds {@code lowercase = true}). Each must find its own
 * column, so a column is identified by its definition, never by its name alone. The first definition
 * of a field takes the plain name ({@code email}); a different definition, meeting that name already
 * taken, takes the name with a short hash of its definition ({@code email_1a2b3c4d}) beside it. Which
 * name a store uses is decided at start-up from the catalogue ({@code internal.schema}): an existing
 * column whose comment holds this definition wins, then a free plain name, then the hashed name.
 * Nothing is dropped on the way; {@code StoreSchema.cleanup()} drops what the current version no
 * longer maps.
 *
 * <p>The definition hashed is schema-neutral (the {@code rf_*} functions unqualified), so every
 * schema and tenant of one version agrees on the name.
 */
public final class DuplicatedColumn {
  private static final Pattern PROPERTY = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");
  /** Starts the comment of every column and index Rillflow generates, so that cleanup knows which it may drop. */
  public static final String COMMENT_PREFIX = "rillflow: ";

  private final DuplicatedField field;
  private final String definition;
  private final String hashedName;

  public DuplicatedColumn(String table, DuplicatedField field, String schema) {
    this.field = field;
    Identifiers.quote(field.column());
    for (String property : field.path()) {
      if (!PROPERTY.matcher(property).matches()) {
        throw new IllegalArgumentException("Duplicated path " + field.path() + " of table " + table
            + " has a segment that is not a Java identifier: " + property);
      }
    }
    this.definition = definition(field, Identifiers.quote(schema) + ".");
    String hash = hash(definition(field, ""));
    String base = field.column().length() > 63 - 9 ? field.column().substring(0, 63 - 9) : field.column();
    this.hashedName = base + "_" + hash;
  }

  /** The field as the mapping declares it. */
  public DuplicatedField field() {
    return field;
  }

  /** The name queries compiled against the mapping use. */
  public String plainName() {
    return field.column();
  }

  /** The name this definition takes when the plain name holds another definition. */
  public String hashedName() {
    return hashedName;
  }

  /** The column's DDL after its name: type and generating expression, qualified for the schema. */
  public String definition() {
    return definition;
  }

  /**
   * The name of the index on a duplicated column named {@code column}: {@code _idx}, {@code _uidx}
   * for a unique one, {@code _live_uidx} for a unique one over the live rows of a soft-delete table
   * (a partial index, so a deleted document's value can be taken again). A change between these
   * kinds is a new name, so the old index is drift that cleanup drops, never silently kept.
   */
  public static String indexName(String table, String column, boolean unique, boolean liveRowsOnly) {
    String suffix = !unique ? "_idx" : liveRowsOnly ? "_live_uidx" : "_uidx";
    return shortened(table + "_" + column + suffix);
  }

  /** The comment that marks a column as holding this definition. */
  public String comment() {
    return COMMENT_PREFIX + definition;
  }

  private static String definition(DuplicatedField field, String functions) {
    String text = "(data #>> '{" + String.join(",", field.path()) + "}')";
    String expression = switch (field.type()) {
      case TEXT -> field.lowercase() ? "lower" + text : text;
      case TIMESTAMPTZ -> functions + "rf_timestamptz" + text;
      case TIMESTAMP -> functions + "rf_timestamp" + text;
      case DATE -> functions + "rf_date" + text;
      default -> text + "::" + field.type().sql();
    };
    return field.type().sql() + " GENERATED ALWAYS AS (" + expression + ") STORED";
  }

  /** Eight hex digits of the definition's SHA-256: short enough for a name, long enough never to meet twice in a table. */
  private static String hash(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java platform has SHA-256", e);
    }
  }

  /**
   * {@code name} when it fits PostgreSQL's 63 bytes, else its head and a hash of the whole: two long
   * names sharing their first characters must not truncate to one (PostgreSQL would silently do so).
   */
  public static String shortened(String name) {
    if (name.length() <= 63) {
      return name;
    }
    // String.hashCode, as index names have always been shortened: existing indexes keep their names.
    String hash = Integer.toHexString(name.hashCode());
    return name.substring(0, 63 - hash.length() - 1) + "_" + hash;
  }
}
