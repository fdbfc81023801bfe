package io.rillflow.internal.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * The archive's meters, tagged {@code schema=<store or tenant schema>}; in Prometheus
 * {@code archive_streams_marked_total}, {@code ..._streams_reactivated_total},
 * {@code ..._events_moved_total} (tag {@code direction}: {@code archive} or {@code hot}),
 * {@code ..._move_batches_total}, {@code ..._move_duration_seconds} (one archive or unarchive call),
 * and the gauges {@code archive_events_hot_bytes} and {@code ..._archived_bytes}: the
 * tables' total size with their indexes and TOAST, read from the server when the registry is
 * scraped (never with the store's default registry, which no one scrapes).
 */
final class ArchiveMetrics {
  private final Counter marked;
  private final Counter reactivated;
  private final Counter movedToArchive;
  private final Counter movedToHot;
  private final Counter batches;
  private final Timer moves;

  /**
   * @param sizeGauges whether to register the size gauges: not for a conjoined tenant's store, whose tables
   *     are its root's (the root's gauges measure them; a second registration would only log a warning)
   */
  ArchiveMetrics(MeterRegistry registry, String schema, DataSource dataSource, boolean sizeGauges) {
    marked = Counter.builder("archive.streams.marked").tag("schema", schema)
        .description("Streams marked archived").register(registry);
    reactivated = Counter.builder("archive.streams.reactivated").tag("schema", schema)
        .description("Archived streams made live again").register(registry);
    movedToArchive = Counter.builder("archive.events.moved").tag("schema", schema).tag("direction", "archive")
        .description("Events moved between rf_events and rf_events_archived").register(registry);
    movedToHot = Counter.builder("archive.events.moved").tag("schema", schema).tag("direction", "hot")
        .description("Events moved between rf_events and rf_events_archived").register(registry);
    batches = Counter.builder("archive.move.batches").tag("schema", schema)
        .description("Transactions that moved a batch of events").register(registry);
    moves = Timer.builder("archive.move.duration").tag("schema", schema)
        .description("Time of one archive or unarchive of a stream, every batch included").register(registry);
    if (!sizeGauges) {
      return;
    }
    EventTables tables = EventTables.of(schema);
    size(registry, "archive.events.hot.bytes", "Bytes of rf_events with its indexes", schema,
        dataSource, tables.hot());
    size(registry, "archive.events.archived.bytes", "Bytes of rf_events_archived with its indexes", schema,
        dataSource, tables.archived());
  }

  void marked() {
    marked.increment();
  }

  void reactivated() {
    reactivated.increment();
  }

  void movedToArchive(int events) {
    moved(movedToArchive, events);
  }

  void movedToHot(int events) {
    moved(movedToHot, events);
  }

  void moveTook(long nanos) {
    moves.record(nanos, TimeUnit.NANOSECONDS);
  }

  private void moved(Counter counter, int events) {
    if (events > 0) {
      counter.increment(events);
      batches.increment();
    }
  }

  private static void size(MeterRegistry registry, String name, String description, String schema,
      DataSource dataSource, String table) {
    // Held strongly: the store is the only one referring to what the gauge reads.
    Gauge.builder(name, () -> bytes(dataSource, table)).tag("schema", schema).description(description)
        .baseUnit("bytes").strongReference(true).register(registry);
  }

  /** The table's size now, or NaN when the server cannot say (a scrape never fails on it). */
  private static double bytes(DataSource dataSource, String table) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement("SELECT pg_total_relation_size(CAST(? AS regclass))")) {
      statement.setString(1, table);
      try (ResultSet row = statement.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    } catch (SQLException | RuntimeException e) {
      return Double.NaN;
    }
  }
}
