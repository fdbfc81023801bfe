package io.rillflow.tests.projections;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.DocumentStore;
import io.rillflow.DocumentStoreBuilder;
import io.rillflow.events.Checkpoint;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.projections.Projection;
import io.rillflow.projections.ProjectionContext;
import io.rillflow.projections.ProjectionDaemon;
import io.rillflow.projections.ProjectionLifecycle;
import io.rillflow.projections.ProjectionOptions;
import io.rillflow.projections.ProjectionStatus;
import io.rillflow.test.RillflowTestBase;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Several projections on one daemon: those at the same checkpoint share one read of each batch (the
 * global reads are counted on the store's connections), they apply on the daemon's pool at once, one
 * that fails does not hold back the others, and one reset behind the others catches up and reads
 * with them again.
 */
class SharedDaemonReadsTest extends RillflowTestBase {
  private static final String TABLE = "shared_applied";

  private DocumentStore counted;
  private String schema;
  private final AtomicInteger globalReads = new AtomicInteger();

  @Override
  protected void configure(DocumentStoreBuilder builder) {
    builder.readModels(false);
  }

  @AfterEach
  void dropStore() {
    if (counted != null) {
      counted.close();
      Ledger.execute(store(), "DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
    }
  }

  /** Records each event it applies with its name; fails on negative ticks while poisoned. */
  static final class Counter implements Projection {
    final String name;
    final Set<String> threads = ConcurrentHashMap.newKeySet();
    volatile boolean poisoned;

    Counter(String name) {
      this.name = name;
    }

    @Override
    public void apply(EventEnvelope<?> event, ProjectionContext context) throws SQLException {
      threads.add(Thread.currentThread().getName());
      if (poisoned && event.data() instanceof Tick tick && tick.amount() < 0) {
        throw new IllegalStateException("poisoned tick at " + event.position());
      }
      try (PreparedStatement applied = context.connection().prepareStatement("INSERT INTO \"" + context.schemaName()
          + "\"." + TABLE + " AS a (projection, position, times) VALUES (?, ?, 1)"
          + " ON CONFLICT (projection, position) DO UPDATE SET times = a.times + 1")) {
        applied.setString(1, name);
        applied.setLong(2, event.position());
        applied.executeUpdate();
      }
    }
  }

  /** A store in a schema of its own whose global event reads are counted, running {@code projections}. */
  private DocumentStore countedStore(String name, ProjectionOptions options, Counter... projections) {
    schema = "shared_reads_" + name;
    Ledger.execute(store(), "DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
    DocumentStoreBuilder builder = DocumentStore.builder().dataSource(counting(store().dataSource())).schema(schema)
        .readModels(false).projectionOptions(options);
    for (Counter projection : projections) {
      builder.projection(projection.name, ProjectionLifecycle.ASYNC, projection);
    }
    counted = builder.build();
    Ledger.execute(counted, "CREATE TABLE \"" + schema + "\"." + TABLE
        + " (projection text, position bigint, times int NOT NULL, PRIMARY KEY (projection, position))");
    return counted;
  }

  /** Counts the statements that read events in global order after a checkpoint (what the daemon reads). */
  private DataSource counting(DataSource real) {
    return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
        (proxy, method, args) -> {
          Object result = invoke(real, method, args);
          if (result instanceof Connection connection) {
            return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (p, m, a) -> {
                  if (m.getName().equals("prepareStatement") && a[0] instanceof String sql
                      && sql.contains("\"rf_events\" ev WHERE (tx_id, seq_id) >")) {
                    globalReads.incrementAndGet();
                  }
                  return invoke(connection, m, a);
                });
          }
          return result;
        });
  }

  private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static void append(DocumentStore store, int count, int poisonedAt) {
    for (int i = 1; i <= count; i += 10) {
      List<Object> ticks = new ArrayList<>();
      for (int j = i; j < i + 10 && j <= count; j++) {
        ticks.add(new Tick("k" + (j % 7), j == poisonedAt ? -1 : 1));
      }
      store.events().append("s-" + System.nanoTime(), ExpectedVersion.noStream(), ticks.toArray());
    }
  }

  /** How often each position was applied by {@code projection}, by position. */
  private Map<Long, Long> applied(String projection) {
    Map<Long, Long> times = new TreeMap<>();
    try (Connection connection = store().dataSource().getConnection();
        PreparedStatement query = connection.prepareStatement("SELECT position, times FROM \"" + schema + "\"." + TABLE
            + " WHERE projection = ?")) {
      query.setString(1, projection);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          times.put(rows.getLong(1), rows.getLong(2));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return times;
  }

  private static Map<Long, Long> once(long from, long to) {
    Map<Long, Long> times = new TreeMap<>();
    for (long p = from; p <= to; p++) {
      times.put(p, 1L);
    }
    return times;
  }

  @Test
  void projectionsAtOneCheckpointShareEachReadAndApplyOnThePool() {
    Counter a = new Counter("a");
    Counter b = new Counter("b");
    Counter c = new Counter("c");
    DocumentStore events = countedStore("share", ProjectionOptions.defaults().batchSize(10).parallelism(3), a, b, c);
    append(events, 100, 0);
    Ledger.awaitReadable(events, 100);

    globalReads.set(0);
    assertThat(events.projections().daemon().runUntilIdle()).isEqualTo(300);

    // Ten full batches and the read that finds the end: one query each, not one per projection.
    assertThat(globalReads.get()).as("global reads for 3 projections x 10 batches").isBetween(10, 12);
    for (Counter projection : List.of(a, b, c)) {
      assertThat(applied(projection.name)).as(projection.name).isEqualTo(once(1, 100));
    }
    Set<String> threads = ConcurrentHashMap.newKeySet();
    List.of(a, b, c).forEach(projection -> threads.addAll(projection.threads));
    assertThat(threads).as("applied on the daemon's pool, more than one thread at once")
        .allMatch(name -> name.startsWith("rillflow-projections-" + schema)).hasSizeGreaterThan(1);
  }

  @Test
  void oneThreadAppliesEachInTurnAndStillSharesTheReads() {
    Counter a = new Counter("a");
    Counter b = new Counter("b");
    DocumentStore events = countedStore("serial", ProjectionOptions.defaults().batchSize(10).parallelism(1), a, b);
    append(events, 50, 0);
    Ledger.awaitReadable(events, 50);

    globalReads.set(0);
    assertThat(events.projections().daemon().runUntilIdle()).isEqualTo(100);

    assertThat(globalReads.get()).isBetween(5, 7);
    assertThat(a.threads).containsExactly(Thread.currentThread().getName());
    assertThat(applied("a")).isEqualTo(once(1, 50));
    assertThat(applied("b")).isEqualTo(once(1, 50));
  }

  @Test
  void aProjectionResetBehindTheOthersCatchesUpAndReadsWithThemAgain() {
    Counter a = new Counter("a");
    Counter b = new Counter("b");
    Counter c = new Counter("c");
    DocumentStore events = countedStore("rejoin", ProjectionOptions.defaults().batchSize(10).parallelism(2), a, b, c);
    ProjectionDaemon daemon = events.projections().daemon();
    append(events, 100, 0);
    Ledger.awaitReadable(events, 100);
    daemon.runUntilIdle();
    List<EventEnvelope<?>> first95 = events.events().readAll(Checkpoint.START, 95);
    Checkpoint at95 = first95.get(94).checkpoint();

    // Mid-run: c goes back five events, inside the batch the others read next.
    daemon.reset("c", at95);
    append(events, 100, 0);
    Ledger.awaitReadable(events, 200);
    globalReads.set(0);
    assertThat(daemon.runUntilIdle()).as("a and b: 100 each, c: 105").isEqualTo(305);

    // a and b: ten batches and the end. c: its own read of 96..105 cut at 100, where the others'
    // read starts, then theirs: one read of its own, not eleven.
    assertThat(globalReads.get()).as("global reads while c caught up").isBetween(11, 13);
    Map<Long, Long> expectedC = once(1, 200);
    for (long p = 96; p <= 100; p++) {
      expectedC.put(p, 2L);
    }
    assertThat(applied("c")).isEqualTo(expectedC);
    assertThat(applied("a")).isEqualTo(once(1, 200));

    append(events, 30, 0);
    Ledger.awaitReadable(events, 230);
    globalReads.set(0);
    assertThat(daemon.runUntilIdle()).isEqualTo(90);
    assertThat(globalReads.get()).as("together again: three batches and the end").isBetween(3, 5);
  }

  @Test
  void aFailingProjectionDoesNotHoldBackTheOthers() {
    Counter a = new Counter("a");
    Counter b = new Counter("b");
    Counter bad = new Counter("bad");
    bad.poisoned = true;
    DocumentStore events = countedStore("failing", ProjectionOptions.defaults().batchSize(10).parallelism(2)
        .pollInterval(Duration.ofMillis(50)).maxAttempts(1000).retryBackoff(Duration.ofMillis(200)), a, b, bad);
    ProjectionDaemon daemon = events.projections().daemon();
    daemon.start();
    try {
      append(events, 60, 5);

      Await.until("a and b applied all 60 while bad fails at 5", Duration.ofSeconds(30),
          () -> applied("a").size() == 60 && applied("b").size() == 60);
      ProjectionStatus stuck = status(daemon, "bad");
      assertThat(stuck.checkpoint().position()).as("bad stays before its failing event").isEqualTo(4);
      assertThat(applied("bad")).isEqualTo(once(1, 4));

      bad.poisoned = false;
      Await.until("bad catches up once its event passes", Duration.ofSeconds(30), () -> applied("bad").size() == 60);
      append(events, 20, 0);
      Await.until("all three apply the next events", Duration.ofSeconds(30),
          () -> applied("a").size() == 80 && applied("b").size() == 80 && applied("bad").size() == 80);
    } finally {
      daemon.stop();
    }
    assertThat(applied("a")).isEqualTo(once(1, 80));
    assertThat(applied("bad")).isEqualTo(once(1, 80));
  }

  private static ProjectionStatus status(ProjectionDaemon daemon, String name) {
    return daemon.status().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }
}
