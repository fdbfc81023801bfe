package io.rillflow.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.rillflow.DocumentStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * Runs two {@link RillflowTest} classes at the same time through the JUnit engine: each writes a
 * row, waits until the other has written too, then must see only its own.
 */
class SchemaIsolationTest {
  static final CyclicBarrier BOTH_WROTE = new CyclicBarrier(2);
  static final Map<String, List<String>> SEEN = new ConcurrentHashMap<>();
  static final Map<String, String> SCHEMAS = new ConcurrentHashMap<>();

  @Test
  void twoTestClassesRunningTogetherCannotSeeEachOthersRows() throws SQLException {
    Events tests = EngineTestKit.engine("junit-jupiter")
        .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
        .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
        .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
        .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "2")
        .selectors(selectClass(Writer1.class), selectClass(Writer2.class))
        .execute()
        .testEvents();

    tests.assertStatistics(stats -> stats.started(2).succeeded(2));
    assertThat(SEEN).containsOnlyKeys("Writer1", "Writer2");
    assertThat(SEEN.get("Writer1")).containsExactly("Writer1");
    assertThat(SEEN.get("Writer2")).containsExactly("Writer2");
    assertThat(SCHEMAS.get("Writer1")).isNotEqualTo(SCHEMAS.get("Writer2"));
    // The extension drops each class's schema when the class is done.
    assertThat(schemaExists(SCHEMAS.get("Writer1"))).isFalse();
    assertThat(schemaExists(SCHEMAS.get("Writer2"))).isFalse();
  }

  static void writeWaitAndRead(DocumentStore store, String writer) throws Exception {
    SCHEMAS.put(writer, store.schemaName());
    try (Connection connection = store.dataSource().getConnection()) {
      try (PreparedStatement insert = connection.prepareStatement(
          "INSERT INTO \"" + store.schemaName() + "\".rf_streams (stream_id, version) VALUES (?, 0)")) {
        insert.setString(1, writer);
        insert.executeUpdate();
      }
      BOTH_WROTE.await(60, TimeUnit.SECONDS);
      List<String> seen = new ArrayList<>();
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT stream_id FROM \"" + store.schemaName() + "\".rf_streams");
          ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          seen.add(rows.getString(1));
        }
      }
      SEEN.put(writer, seen);
    }
  }

  private static boolean schemaExists(String schema) throws SQLException {
    try (Connection connection = TestDatabase.shared().connect();
        PreparedStatement query = connection.prepareStatement(
            "SELECT count(*) FROM information_schema.schemata WHERE schema_name = ?")) {
      query.setString(1, schema);
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return rows.getInt(1) > 0;
      }
    }
  }

  @RillflowTest
  static class Writer1 {
    @Test
    void write(DocumentStore store) throws Exception {
      writeWaitAndRead(store, "Writer1");
    }
  }

  @RillflowTest
  static class Writer2 {
    @Test
    void write(DocumentStore store) throws Exception {
      writeWaitAndRead(store, "Writer2");
    }
  }
}
