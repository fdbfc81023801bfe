package io.rillflow.spi;

/** The PostgreSQL types a duplicated JSON value can be stored as, each with its Java counterparts. */
public enum ColumnType {
  /** {@code String}, enums, {@code char}. */
  TEXT("text"),
  /** {@code int}, {@code short}, {@code byte} and their boxes. */
  INTEGER("integer"),
  /** {@code long}, {@code Long}. */
  BIGINT("bigint"),
  /** {@code double}, {@code float} and their boxes. */
  DOUBLE("double precision"),
  /** {@code BigDecimal}, {@code BigInteger}. */
  NUMERIC("numeric"),
  /** {@code boolean}, {@code Boolean}. */
  BOOLEAN("boolean"),
  /** {@code UUID}. */
  UUID("uuid"),
  /** {@code Instant}, {@code OffsetDateTime}, {@code ZonedDateTime}. */
  TIMESTAMPTZ("timestamptz"),
  /** {@code LocalDateTime}. */
  TIMESTAMP("timestamp"),
  /** {@code LocalDate}. */
  DATE("date");

  private final String sql;

  ColumnType(String sql) {
    this.sql = sql;
  }

  /** The type as written in DDL. */
  public String sql() {
    return sql;
  }
}
