package io.rillflow.internal.query;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.UUID;

/**
 * How a Java value class is compared in SQL: the cast applied to its JSON text, the type of an
 * array of it, and how a value is handed to JDBC. One place, so dynamic queries, repositories and
 * sorting agree.
 */
public final class ValueKinds {
  private ValueKinds() {}

  /** The PostgreSQL type values of {@code type} compare as; {@code text} for strings and enums. */
  public static String sqlType(Class<?> type) {
    if (type == null || type == String.class || type == Character.class || type == char.class || type.isEnum()) {
      return "text";
    }
    if (Number.class.isAssignableFrom(type) || type == int.class || type == long.class || type == double.class
        || type == float.class || type == short.class || type == byte.class) {
      return "numeric";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "boolean";
    }
    if (type == UUID.class) {
      return "uuid";
    }
    if (type == Instant.class || type == OffsetDateTime.class || type == ZonedDateTime.class) {
      return "timestamptz";
    }
    if (type == LocalDateTime.class) {
      return "timestamp";
    }
    if (type == LocalDate.class) {
      return "date";
    }
    return "text";
  }

  /** Whether equality can be tested by JSON containment: values whose JSON text is canonical. */
  public static boolean containable(Class<?> type) {
    String sql = sqlType(type);
    return !(sql.equals("timestamptz") || sql.equals("timestamp") || sql.equals("date"));
  }

  /**
   * The SQL expression reading {@code segments} of {@code data} as {@code type}. A date or time is
   * cast only when its year has the four digits PostgreSQL reads; a year java.time writes with a
   * sign or as 0000 (say {@code Instant.MIN}, stored by one row) reads as -infinity or infinity, so
   * that it sorts first or last instead of failing the query for every row ("time zone displacement
   * out of range").
   */
  public static String jsonExpression(java.util.List<String> segments, Class<?> type) {
    String text = "(data #>> '{" + String.join(",", segments) + "}')";
    String sql = sqlType(type);
    if (!containable(type)) {
      return "(CASE WHEN " + text + " ~ '^[0-9]{4}-' AND " + text + " !~ '^0000' THEN " + text + "::" + sql
          + " WHEN " + text + " ~ '^(-|0000)' THEN '-infinity'::" + sql + " WHEN " + text + " ~ '^[+]' THEN 'infinity'::"
          + sql + " END)";
    }
    return sql.equals("text") ? text : "(" + text + "::" + sql + ")";
  }

  /** {@code value} as JDBC takes it for a parameter compared with {@link #sqlType}. */
  public static Object jdbcValue(Object value) {
    if (value instanceof Enum<?> e) {
      return e.name();
    }
    if (value instanceof Character c) {
      return c.toString();
    }
    if (value instanceof Instant instant) {
      return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
    if (value instanceof ZonedDateTime zoned) {
      return zoned.toOffsetDateTime();
    }
    if (value instanceof Float f) {
      // Bound as float4 it would widen to a float8 that differs from the stored 0.1; its decimal text does not.
      return Double.parseDouble(f.toString());
    }
    if (value instanceof BigInteger big) {
      return new BigDecimal(big);
    }
    return value;
  }
}
