package io.rillflow.internal.query;

import io.rillflow.sql.SqlTypes;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * How a Java value is handed to JDBC for a placeholder the rule book ({@code io.rillflow.sql}) wrote,
 * so dynamic queries and repositories bind alike.
 */
public final class ValueKinds {
  private ValueKinds() {}

  /** The PostgreSQL type values of {@code type} compare as (the rule book's); {@code text} for strings and enums. */
  public static String sqlType(Class<?> type) {
    return type == null ? "text" : SqlTypes.compareType(type.getName(), type.isEnum());
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
