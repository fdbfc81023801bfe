package io.rillflow.benchmarks;

import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rillflow.aggregates.AggregateRepository;
import io.rillflow.events.ExpectedVersion;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * Loading one aggregate whose stream holds {@link #events} events (plus a short tail after the
 * last multiple of 100): from its newest snapshot and the events after it ({@link BenchTally},
 * {@code snapshotEvery = 100}), against folding the same stream from its first event
 * ({@link BenchTallyFullFold}). Each has a raw baseline doing the same reads with JDBC and Jackson
 * and the same fold by hand.
 */
public class AggregateLoadBench extends DocumentBench {
  private static final String STREAM = "bench-tally";
  private static final int TAIL = 7;

  /** Events in the stream before the tail. */
  @Param("10000")
  public int events;

  private AggregateRepository<BenchTally> withSnapshots;
  private AggregateRepository<BenchTallyFullFold> fullFold;
  private ObjectReader eventReader;
  private ObjectReader tallyReader;
  private String snapshotSql;
  private String tailSql;

  @Override
  protected String schema() {
    return "bench_aggregate_load";
  }

  @Override
  protected void prepare() throws Exception {
    withSnapshots = store.aggregates(BenchTally.class);
    fullFold = store.aggregates(BenchTallyFullFold.class);
    long version = 0;
    for (int from = 0; from < events; from += 100) {
      List<BenchItemAdded> batch = IntStream.range(from, Math.min(from + 100, events))
          .mapToObj(i -> item("sku-" + i)).toList();
      version = withSnapshots.append(STREAM, ExpectedVersion.exactly(version), batch).version();
    }
    for (int i = 0; i < TAIL; i++) {
      version = withSnapshots.append(STREAM, ExpectedVersion.exactly(version), item("tail")).version();
    }
    // Configured as the store's mapper (Java time as ISO text), so both sides read the same JSON alike.
    ObjectMapper mapper = RawDocuments.mapper();
    eventReader = mapper.readerFor(BenchItemAdded.class);
    tallyReader = mapper.readerFor(SnapshotRow.class);
    String schema = "\"" + schema() + "\"";
    // The statements Rillflow sends (the snapshot only while its stream is not archived; the tail's
    // envelope columns), so the database does the same work on both sides; raw decodes only the JSON.
    snapshotSql = "SELECT s.version, s.data::text FROM " + schema + ".rf_snapshots s JOIN " + schema + ".rf_streams st"
        + " ON st.stream_id = s.stream_id AND NOT st.archived WHERE s.stream_id = ? AND s.version <= ?";
    tailSql = "SELECT data::text, seq_id, stream_id, version, type, schema_version, headers::text, causation_id,"
        + " correlation_id, CAST(EXTRACT(EPOCH FROM created_at) * 1000000 AS bigint), tx_id::text::bigint FROM "
        + schema + ".rf_events WHERE stream_id = ? AND version BETWEEN ? AND ? ORDER BY version";
    BenchStores.execute("VACUUM ANALYZE " + schema + ".rf_events");
  }

  /** The snapshot's JSON as the raw side reads it. */
  record SnapshotRow(long items, long additions) {}

  @Benchmark
  public long loadWithSnapshot_rillflow() {
    return withSnapshots.load(STREAM).orElseThrow().items();
  }

  @Benchmark
  public long loadWithSnapshot_raw() throws Exception {
    try (Connection connection = store.dataSource().getConnection()) {
      long items = 0;
      long version = 0;
      try (PreparedStatement statement = connection.prepareStatement(snapshotSql)) {
        statement.setString(1, STREAM);
        statement.setLong(2, Long.MAX_VALUE);
        try (ResultSet row = statement.executeQuery()) {
          if (row.next()) {
            version = row.getLong(1);
            items = tallyReader.<SnapshotRow>readValue(row.getString(2)).items();
          }
        }
      }
      return items + foldTail(connection, version);
    }
  }

  @Benchmark
  public long loadFullFold_rillflow() {
    return fullFold.load(STREAM).orElseThrow().items();
  }

  @Benchmark
  public long loadFullFold_raw() throws Exception {
    try (Connection connection = store.dataSource().getConnection()) {
      return foldTail(connection, 0);
    }
  }

  private long foldTail(Connection connection, long afterVersion) throws Exception {
    long items = 0;
    try (PreparedStatement statement = connection.prepareStatement(tailSql)) {
      statement.setString(1, STREAM);
      statement.setLong(2, afterVersion + 1);
      statement.setLong(3, Long.MAX_VALUE);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          items += eventReader.<BenchItemAdded>readValue(rows.getString(1)).quantity();
        }
      }
    }
    return items;
  }

  private static final java.util.UUID CART = java.util.UUID.nameUUIDFromBytes("aggregate-load".getBytes(java.nio.charset.StandardCharsets.UTF_8));

  private static BenchItemAdded item(String sku) {
    return new BenchItemAdded(CART, sku, "Item " + sku, 1, java.math.BigDecimal.ONE, java.time.Instant.EPOCH);
  }
}
