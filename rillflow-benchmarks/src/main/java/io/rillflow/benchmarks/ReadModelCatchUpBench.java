package io.rillflow.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.rillflow.events.AppendOptions;
import io.rillflow.events.Checkpoint;
import io.rillflow.DocumentStore;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.projections.ProjectionOptions;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Catching a generated {@code @ReadModel} projection ({@link BenchCustomerSpend}: documents keyed by
 * an event member, gathered from many streams) up on {@code events} purchases of {@code customers}
 * customers, against a careful hand-written JDBC projection doing the same work per batch: the same
 * global read, the batch's documents loaded in one query, the handlers' arithmetic, one JDBC batch of
 * the same upserts, the checkpoint, a commit.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class ReadModelCatchUpBench {
  private static final String SCHEMA = "bench_read_model_catch_up";
  private static final String TABLE = "\"" + SCHEMA + "\".doc_bench_customer_spend";

  /** Purchases stored before the trial. */
  @Param("20000")
  public int events;

  /** Distinct customers, so documents per batch. */
  @Param("200")
  public int customers;

  /** Events per transaction, on both sides. */
  @Param("500")
  public int batchSize;

  private DocumentStore store;
  private ObjectReader purchaseReader;
  private ObjectReader documentReader;
  private ObjectWriter documentWriter;

  @Setup(Level.Trial)
  public void fill() throws Exception {
    BenchStores.checkName(SCHEMA);
    BenchStores.execute("DROP SCHEMA IF EXISTS \"" + SCHEMA + "\" CASCADE");
    store = DocumentStore.builder().url(BenchDatabase.url()).schema(SCHEMA)
        .discoverModules(false).module(BenchModules.withoutStartupTypes())
        .projectionOptions(ProjectionOptions.defaults().batchSize(batchSize))
        .build();
    for (int from = 0; from < events; from += 1_000) {
      List<BenchPurchase> purchases = new ArrayList<>();
      for (int i = from; i < Math.min(from + 1_000, events); i++) {
        purchases.add(new BenchPurchase("c" + (i % customers), i % 97));
      }
      store.events().append("orders-" + from, ExpectedVersion.noStream(), AppendOptions.NONE, purchases);
    }
    BenchStores.execute("VACUUM ANALYZE \"" + SCHEMA + "\".rf_events");
    ObjectMapper mapper = RawDocuments.mapper();
    purchaseReader = mapper.readerFor(BenchPurchase.class);
    documentReader = mapper.readerFor(BenchCustomerSpend.class);
    documentWriter = mapper.writerFor(BenchCustomerSpend.class);
  }

  @Setup(Level.Invocation)
  public void emptyReadModel() throws Exception {
    store.projections().daemon().reset(BenchCustomerSpend.PROJECTION, Checkpoint.START);
    BenchStores.execute("TRUNCATE " + TABLE);
  }

  @TearDown(Level.Trial)
  public void drop() throws Exception {
    store.close();
    BenchStores.execute("DROP SCHEMA IF EXISTS \"" + SCHEMA + "\" CASCADE");
  }

  @Benchmark
  public long catchUp_rillflow() {
    return store.projections().daemon().runUntilIdle();
  }

  @Benchmark
  public long catchUp_raw() throws Exception {
    RawGlobalRead<BenchPurchase> read = new RawGlobalRead<>(SCHEMA, purchaseReader);
    String load = "SELECT id, data FROM " + TABLE + " WHERE id = ANY (?)";
    String upsert = "INSERT INTO " + TABLE + " AS d (id, data, version) VALUES (?, ?::jsonb, 1)"
        + " ON CONFLICT (id) DO UPDATE SET data = excluded.data, version = d.version + 1, updated_at = now()";
    long applied = 0;
    try (Connection connection = store.dataSource().getConnection()) {
      while (true) {
        List<BenchPurchase> batch = read.next(connection, batchSize);
        if (batch.isEmpty()) {
          return applied;
        }
        connection.setAutoCommit(false);
        try {
          read.writeCheckpoint(connection, BenchCustomerSpend.PROJECTION);
          Set<String> ids = new LinkedHashSet<>();
          batch.forEach(purchase -> ids.add(purchase.customerId()));
          Map<String, BenchCustomerSpend> documents = new HashMap<>();
          try (PreparedStatement statement = connection.prepareStatement(load)) {
            Array array = connection.createArrayOf("text", ids.toArray());
            statement.setArray(1, array);
            try (ResultSet rows = statement.executeQuery()) {
              while (rows.next()) {
                documents.put(rows.getString(1), documentReader.readValue(rows.getString(2)));
              }
            }
          }
          for (BenchPurchase purchase : batch) {
            BenchCustomerSpend current = documents.get(purchase.customerId());
            documents.put(purchase.customerId(), current == null
                ? new BenchCustomerSpend(purchase.customerId(), 1, purchase.cents())
                : new BenchCustomerSpend(current.id(), current.purchases() + 1, current.cents() + purchase.cents()));
          }
          try (PreparedStatement statement = connection.prepareStatement(upsert)) {
            for (BenchCustomerSpend document : documents.values()) {
              statement.setString(1, document.id());
              statement.setString(2, documentWriter.writeValueAsString(document));
              statement.addBatch();
            }
            statement.executeBatch();
          }
          connection.commit();
        } catch (Exception e) {
          connection.rollback();
          throw e;
        } finally {
          connection.setAutoCommit(true);
        }
        applied += batch.size();
      }
    }
  }
}
