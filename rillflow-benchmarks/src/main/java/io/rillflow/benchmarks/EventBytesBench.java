package io.rillflow.benchmarks;

import io.rillflow.DocumentStore;
import io.rillflow.events.AppendOptions;
import io.rillflow.events.EventStorage;
import io.rillflow.events.ExpectedVersion;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Storage per event, not time: appends the same {@code N} events (streams of 10 {@link BenchItemAdded},
 * UUID stream ids) through a Rillflow store of the default layout, one of {@link EventStorage#compact()},
 * and the simplest hand-written table ({@link SimpleEvents}) with the stream id as text and as uuid;
 * vacuums every table and prints each one's bytes per event, all indexes and TOAST included
 * ({@code pg_total_relation_size}), then the heap and each index apart, and for Rillflow its stream table
 * per event too ({@code rf_streams}: one row per stream, which the simple table does not have). A reporting
 * main rather than a JMH benchmark: the figure is a size, the same at every run on one server version.
 *
 * <pre>{@code java -cp target/benchmarks.jar io.rillflow.benchmarks.EventBytesBench 100000}</pre>
 */
public final class EventBytesBench {
  private static final String SCHEMA = "bench_event_bytes";
  private static final String COMPACT_SCHEMA = "bench_event_bytes_compact";
  private static final int STREAM_LENGTH = 10;

  private EventBytesBench() {}

  public static void main(String[] args) throws Exception {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int stored = events / STREAM_LENGTH * STREAM_LENGTH;
    try (DocumentStore store = BenchStores.open(SCHEMA);
        DocumentStore compact = BenchStores.open(COMPACT_SCHEMA, EventStorage.compact())) {
      SimpleEvents raw = new SimpleEvents(store.dataSource(), SCHEMA);
      SimpleEvents rawUuid = new SimpleEvents(store.dataSource(), SCHEMA, true);
      Instant at = Instant.parse("2026-01-01T00:00:00Z");
      for (int stream = 0; stream < events / STREAM_LENGTH; stream++) {
        UUID id = new UUID(0, stream);
        List<BenchItemAdded> batch = new ArrayList<>();
        for (int i = 0; i < STREAM_LENGTH; i++) {
          batch.add(new BenchItemAdded(id, "SKU-" + i, "Item number " + i, i + 1, BigDecimal.valueOf(1999 + i, 2),
              at.plusSeconds(i)));
        }
        store.events().append(id, ExpectedVersion.noStream(), AppendOptions.NONE, batch);
        compact.events().append(id, ExpectedVersion.noStream(), AppendOptions.NONE, batch);
        raw.append(id.toString(), 0, batch);
        rawUuid.append(id.toString(), 0, batch);
      }
      try (Connection connection = store.dataSource().getConnection(); Statement statement = connection.createStatement()) {
        for (String table : List.of(SCHEMA + "\".rf_events", SCHEMA + "\".rf_streams", COMPACT_SCHEMA + "\".rf_events",
            COMPACT_SCHEMA + "\".rf_streams", SCHEMA + "\".simple_events", SCHEMA + "\".simple_events_uuid")) {
          statement.execute("VACUUM ANALYZE \"" + table);
        }
        System.out.printf(Locale.ROOT, "%d events in streams of %d, PostgreSQL %s%n", stored, STREAM_LENGTH,
            one(connection, "SHOW server_version"));
        report(connection, "default", SCHEMA, "rf_events", stored);
        report(connection, "default", SCHEMA, "rf_streams", stored);
        report(connection, "compact", COMPACT_SCHEMA, "rf_events", stored);
        report(connection, "compact", COMPACT_SCHEMA, "rf_streams", stored);
        report(connection, "simple", SCHEMA, "simple_events", stored);
        report(connection, "simple", SCHEMA, "simple_events_uuid", stored);
      }
    }
  }

  private static void report(Connection connection, String layout, String schema, String table, int events)
      throws SQLException {
    String qualified = "\"" + schema + "\"." + table;
    System.out.printf(Locale.ROOT, "%-8s %-19s total %6.1f B/event   heap %6.1f", layout, table,
        size(connection, "pg_total_relation_size", qualified) / events,
        size(connection, "pg_relation_size", qualified) / events);
    try (PreparedStatement statement = connection.prepareStatement("SELECT c.relname, pg_relation_size(c.oid)"
        + " FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = CAST(? AS regclass)"
        + " ORDER BY c.relname")) {
      statement.setString(1, qualified);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          System.out.printf(Locale.ROOT, "   %s %.1f", rows.getString(1), rows.getLong(2) / (double) events);
        }
      }
    }
    System.out.println();
  }

  private static double size(Connection connection, String function, String table) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("SELECT " + function + "(CAST(? AS regclass))")) {
      statement.setString(1, table);
      try (ResultSet row = statement.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }

  private static String one(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
      row.next();
      return row.getString(1);
    }
  }
}
