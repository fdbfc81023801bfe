package io.rillflow.sql;

import java.util.Map;

/**
 * How a Java value type is stored in a duplicated column and compared in SQL, by the type's
 * qualified name (primitives by their keyword), so the processor (which sees type names) and the
 * runtime (which sees classes) read the same table.
 */
public final class SqlTypes {
  private static final Map<String, String> COLUMN_TYPES = Map.ofEntries(
      Map.entry("int", "INTEGER"), Map.entry("short", "INTEGER"), Map.entry("byte", "INTEGER"),
      Map.entry("long", "BIGINT"), Map.entry("double", "DOUBLE"), Map.entry("float", "DOUBLE"),
      Map.entry("boolean", "BOOLEAN"), Map.entry("char", "TEXT"),
      Map.entry("java.lang.String", "TEXT"),
      Map.entry("java.lang.Character", "TEXT"),
      Map.entry("java.lang.Integer", "INTEGER"),
      Map.entry("java.lang.Short", "INTEGER"),
      Map.entry("java.lang.Byte", "INTEGER"),
      Map.entry("java.lang.Long", "BIGINT"),
      Map.entry("java.lang.Double", "DOUBLE"),
      Map.entry("java.lang.Float", "DOUBLE"),
      Map.entry("java.lang.Boolean", "BOOLEAN"),
      Map.entry("java.math.BigDecimal", "NUMERIC"),
      Map.entry("java.math.BigInteger", "NUMERIC"),
      Map.entry("java.util.UUID", "UUID"),
      Map.entry("java.time.Instant", "TIMESTAMPTZ"),
      Map.entry("java.time.OffsetDateTime", "TIMESTAMPTZ"),
      Map.entry("java.time.ZonedDateTime", "TIMESTAMPTZ"),
      Map.entry("java.time.LocalDateTime", "TIMESTAMP"),
      Map.entry("java.time.LocalDate", "DATE"));

  /** Column type to the type a value compares as; integers and decimals alike compare as numeric. */
  private static final Map<String, String> COMPARE_TYPES = Map.of(
      "TEXT", "text", "INTEGER", "numeric", "BIGINT", "numeric", "DOUBLE", "numeric", "NUMERIC", "numeric",
      "BOOLEAN", "boolean", "UUID", "uuid", "TIMESTAMPTZ", "timestamptz", "TIMESTAMP", "timestamp", "DATE", "date");

  private SqlTypes() {}

  /**
   * The column type ({@code TEXT}, {@code INTEGER}, {@code BIGINT}, {@code DOUBLE}, {@code NUMERIC},
   * {@code BOOLEAN}, {@code UUID}, {@code TIMESTAMPTZ}, {@code TIMESTAMP}, {@code DATE}) a value of
   * the type is duplicated into, or {@code null} when it has none.
   */
  public static String columnType(String qualifiedName, boolean isEnum) {
    return isEnum ? "TEXT" : COLUMN_TYPES.get(qualifiedName);
  }

  /**
   * The PostgreSQL type the value compares as: {@code text} (strings, chars, enums and anything
   * without a column type), {@code numeric}, {@code boolean}, {@code uuid}, {@code timestamptz},
   * {@code timestamp} or {@code date}.
   */
  public static String compareType(String qualifiedName, boolean isEnum) {
    String column = columnType(qualifiedName, isEnum);
    return column == null ? "text" : COMPARE_TYPES.get(column);
  }

  /**
   * Whether equality may be tested by JSON containment: only values whose JSON text is canonical
   * (a date or time can be written several ways that mean one instant; its text cannot be compared).
   */
  public static boolean containable(String compareType) {
    return !(compareType.equals("timestamptz") || compareType.equals("timestamp") || compareType.equals("date"));
  }
}
