package io.rillflow.tests.subscriptions;

import io.rillflow.DocumentStore;
import io.rillflow.subscriptions.SubscriptionHandler;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A handler's own table: one row per handling of an event (no unique key, so a second handling shows
 * as a second row), written in the handler's transaction.
 */
final class Effects {
  private Effects() {}

  static void create(DocumentStore store) {
    run(store, "CREATE TABLE IF NOT EXISTS " + table(store)
        + " (position bigint NOT NULL, stream_id text NOT NULL, n integer NOT NULL, member text NOT NULL,"
        + " id bigint GENERATED ALWAYS AS IDENTITY)");
    run(store, "TRUNCATE " + table(store));
  }

  static String table(DocumentStore store) {
    return "\"" + store.schemaName() + "\".sub_effects";
  }

  /** A handler that records each handling in a statement of its own (with {@code AckMode.AUTO}: at least once). */
  static SubscriptionHandler recording(DocumentStore store, String member) {
    return (delivery, handle) -> {
      Ping ping = (Ping) delivery.event().data();
      try (Connection connection = store.dataSource().getConnection()) {
        record(connection, store.schemaName(), delivery.position(), ping.key(), ping.n(), member);
      }
    };
  }

  static void record(Connection connection, String schema, long position, String stream, int n, String member)
      throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO \"" + schema
        + "\".sub_effects (position, stream_id, n, member) VALUES (?, ?, ?, ?)")) {
      insert.setLong(1, position);
      insert.setString(2, stream);
      insert.setInt(3, n);
      insert.setString(4, member);
      insert.executeUpdate();
    }
  }

  /** How many times each position was handled. */
  static Map<Long, Long> timesByPosition(DocumentStore store) {
    Map<Long, Long> times = new LinkedHashMap<>();
    query(store, "SELECT position, count(*) FROM " + table(store) + " GROUP BY position ORDER BY position",
        row -> times.put(row.getLong(1), row.getLong(2)));
    return times;
  }

  /** Whether every stream's first handlings came in version order (n ascending by row id). */
  static boolean streamsInOrder(DocumentStore store) {
    boolean[] ordered = {true};
    Map<String, Integer> last = new LinkedHashMap<>();
    query(store, "SELECT stream_id, n FROM " + table(store) + " e WHERE id = (SELECT min(id) FROM " + table(store)
        + " f WHERE f.position = e.position) ORDER BY id", row -> {
          Integer before = last.put(row.getString(1), row.getInt(2));
          if (before != null && before >= row.getInt(2)) {
            ordered[0] = false;
          }
        });
    return ordered[0];
  }

  static long count(DocumentStore store) {
    long[] count = {0};
    query(store, "SELECT count(*) FROM " + table(store), row -> count[0] = row.getLong(1));
    return count[0];
  }

  interface RowHandler {
    void accept(ResultSet row) throws SQLException;
  }

  static void query(DocumentStore store, String sql, RowHandler handler) {
    try (Connection connection = store.dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        handler.accept(rows);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static void run(DocumentStore store, String sql) {
    try (Connection connection = store.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
