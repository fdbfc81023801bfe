package io.rillflow.internal.events;

import java.time.Instant;

/**
 * How event reads carry {@code created_at}: as microseconds since the epoch, a bigint, rather than
 * as a {@code timestamptz} the driver sends as text and parses per row. The value is the same to the
 * microsecond (PostgreSQL's precision); reading a stream of a hundred events no longer parses a
 * hundred timestamps.
 */
final class EventTimestamps {
  /** The select-list item: exact, since {@code extract} returns numeric (PostgreSQL 14 and later). */
  static final String MICROS_COLUMN = "CAST(EXTRACT(EPOCH FROM created_at) * 1000000 AS bigint) AS created_micros";

  private EventTimestamps() {}

  static Instant instant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
  }
}
