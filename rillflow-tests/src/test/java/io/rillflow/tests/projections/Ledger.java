package io.rillflow.tests.projections;

import io.rillflow.events.Checkpoint;
import io.rillflow.DocumentStore;
import io.rillflow.events.EventEnvelope;
import io.rillflow.projections.Projection;
import io.rillflow.projections.ProjectionContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A read model in two raw tables written through the projection's connection: how many times each
 * event was applied ({@code times} must end at 1), and each key's total. Ticks with a negative
 * amount fail while {@link #poisoned} is set.
 */
class Ledger implements Projection {
  static final String NAME = "ledger";

  volatile boolean poisoned;
  /** How many times a poisoned tick was tried on this instance. */
  final java.util.concurrent.atomic.AtomicInteger poisonedTries = new java.util.concurrent.atomic.AtomicInteger();
  /** How many more times a tick with a negative amount fails. */
  volatile int flakyFailures;

  static void createTables(DocumentStore store) {
    execute(store, "CREATE TABLE IF NOT EXISTS \"" + store.schemaName() + "\".ledger_applied"
        + " (position bigint PRIMARY KEY, times int NOT NULL, ord bigint GENERATED ALWAYS AS IDENTITY)");
    execute(store, "CREATE TABLE IF NOT EXISTS \"" + store.schemaName() + "\".ledger_totals"
        + " (key text PRIMARY KEY, amount bigint NOT NULL)");
  }

  @Override
  public void apply(EventEnvelope<?> event, ProjectionContext context) throws SQLException {
    if (!(event.data() instanceof Tick tick)) {
      return;
    }
    if (tick.amount() < 0 && poisoned) {
      poisonedTries.incrementAndGet();
      throw new IllegalStateException("poisoned tick " + tick);
    }
    if (tick.amount() < 0 && flakyFailures > 0) {
      flakyFailures--;
      throw new IllegalStateException("flaky tick " + tick);
    }
    Connection connection = context.connection();
    String schema = context.schemaName();
    try (PreparedStatement applied = connection.prepareStatement("INSERT INTO \"" + schema + "\".ledger_applied AS a"
        + " (position, times) VALUES (?, 1) ON CONFLICT (position) DO UPDATE SET times = a.times + 1")) {
      applied.setLong(1, event.position());
      applied.executeUpdate();
    }
    try (PreparedStatement total = connection.prepareStatement("INSERT INTO \"" + schema + "\".ledger_totals AS t"
        + " (key, amount) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET amount = t.amount + excluded.amount")) {
      total.setString(1, tick.key());
      total.setLong(2, tick.amount());
      total.executeUpdate();
    }
  }

  @Override
  public void clear(ProjectionContext context) throws SQLException {
    String schema = context.schemaName();
    try (Statement statement = context.connection().createStatement()) {
      statement.execute("DELETE FROM \"" + schema + "\".ledger_applied");
      statement.execute("DELETE FROM \"" + schema + "\".ledger_totals");
    }
  }

  /** Each key's total in the read model. */
  static Map<String, Long> totals(DocumentStore store) {
    return query(store, "SELECT key, amount FROM \"" + store.schemaName() + "\".ledger_totals");
  }

  /** How often each position was applied, by position. */
  static Map<String, Long> timesApplied(DocumentStore store) {
    return query(store, "SELECT position::text, times FROM \"" + store.schemaName() + "\".ledger_applied");
  }

  /** The positions in the order they were first applied. */
  static java.util.List<Long> applicationOrder(DocumentStore store) {
    java.util.List<Long> order = new java.util.ArrayList<>();
    String sql = "SELECT position FROM \"" + store.schemaName() + "\".ledger_applied ORDER BY ord";
    try (Connection connection = store.dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(sql)) {
      while (row.next()) {
        order.add(row.getLong(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
    return order;
  }

  /** The totals a fresh replay of every event gives. */
  static Map<String, Long> replay(DocumentStore store) {
    Map<String, Long> totals = new TreeMap<>();
    try (Stream<EventEnvelope<?>> all = store.events().scanAll(Checkpoint.START)) {
      all.forEach(event -> {
        if (event.data() instanceof Tick tick) {
          totals.merge(tick.key(), (long) tick.amount(), Long::sum);
        }
      });
    }
    return totals;
  }

  /** Waits until global readers can see {@code count} events (below the store's safe point). */
  static void awaitReadable(DocumentStore store, int count) {
    Await.until(count + " events readable below the safe point", java.time.Duration.ofSeconds(30),
        () -> store.events().readAll(Checkpoint.START, count + 1).size() >= count);
  }

  static long applied(DocumentStore store) {
    return timesApplied(store).size();
  }

  static Map<String, Long> query(DocumentStore store, String sql) {
    Map<String, Long> rows = new TreeMap<>();
    try (Connection connection = store.dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(sql)) {
      while (row.next()) {
        rows.put(row.getString(1), row.getLong(2));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
    return rows;
  }

  static long count(DocumentStore store, String sql) {
    try (Connection connection = store.dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(sql)) {
      row.next();
      return row.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  static void execute(DocumentStore store, String sql) {
    try (Connection connection = store.dataSource().getConnection(); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }
}
