package io.rillflow.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Extra servers: their own port and data, shared per JVM, stopped, killed and started again. */
class TestServersTest {

  @Test
  void anExtraServerIsItsOwnServerBesideTheMainOne() throws SQLException {
    TestServer extra = TestServers.extra("servers-a");

    assertThat(extra.running()).isTrue();
    assertThat(extra.jdbcUrl()).doesNotContain(":" + portOf(TestDatabase.shared()) + "/");
    assertThat(TestServers.extra("servers-a")).as("shared per JVM").isSameAs(extra);
    TestServer other = TestServers.extra("servers-b");
    assertThat(other.port()).isNotEqualTo(extra.port());
    assertThat(other.dataDirectory()).isNotEqualTo(extra.dataDirectory());
    try (Connection connection = extra.connect(); Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE IF NOT EXISTS only_here (id int)");
    }
    try (Connection connection = other.connect(); Statement statement = connection.createStatement();
        ResultSet found = statement.executeQuery("SELECT to_regclass('only_here') IS NULL")) {
      found.next();
      assertThat(found.getBoolean(1)).as("a table of one server is not on the other").isTrue();
    }
  }

  @Test
  void aStoppedServerRefusesConnectionsAndComesBackWithItsData() throws SQLException {
    TestServer server = TestServers.extra("servers-a");
    write(server, "kept");
    TestServer bystander = TestServers.extra("servers-b");
    write(bystander, "bystander is up");

    server.stop();
    try {
      assertThat(server.running()).isFalse();
      assertThatThrownBy(server::connect).isInstanceOf(SQLException.class);
      assertThat(read(bystander)).as("the other server is still up").isEqualTo("bystander is up");
    } finally {
      server.start();
    }
    assertThat(server.running()).isTrue();
    assertThat(read(server)).isEqualTo("kept");
  }

  @Test
  void aKilledServerRefusesConnectionsAndRecoversItsCommittedData() throws SQLException {
    TestServer server = TestServers.extra("servers-a");
    write(server, "committed before the kill");
    try (Connection open = server.connect()) {
      server.kill();
      assertThat(server.running()).isFalse();
      assertThatThrownBy(server::connect).isInstanceOf(SQLException.class);
      assertThatThrownBy(() -> open.createStatement().execute("SELECT 1"))
          .as("a connection open at the kill is broken").isInstanceOf(SQLException.class);
    } finally {
      server.start();
    }
    assertThat(read(server)).isEqualTo("committed before the kill");
  }

  @Test
  void aFrozenServerLeavesConnectionsWaitingUntilItIsThawed() throws SQLException {
    TestServer server = TestServers.extra("servers-a");
    write(server, "before the freeze");
    server.freeze();
    try {
      assertThat(server.frozen()).isTrue();
      long started = System.nanoTime();
      assertThatThrownBy(server::connect).isInstanceOf(SQLException.class);
      long waitedSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
      assertThat(waitedSeconds).as("connect waited for an answer up to its login timeout")
          .isGreaterThanOrEqualTo(TestServer.LOGIN_TIMEOUT_SECONDS - 1)
          .isLessThan(TestServer.LOGIN_TIMEOUT_SECONDS * 6L);
    } finally {
      server.thaw();
    }
    assertThat(server.frozen()).isFalse();
    assertThat(read(server)).isEqualTo("before the freeze");
  }

  @Test
  void callersRacingForOneNameGetOneServerStartedOnce() throws Exception {
    ExecutorService callers = Executors.newFixedThreadPool(4);
    try {
      List<Future<TestServer>> asked = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        asked.add(callers.submit(() -> TestServers.extra("servers-raced")));
      }
      TestServer first = asked.get(0).get(2, TimeUnit.MINUTES);
      for (Future<TestServer> other : asked) {
        assertThat(other.get(2, TimeUnit.MINUTES)).isSameAs(first);
      }
      assertThat(first.running()).isTrue();
      write(first, "one server");
      assertThat(read(first)).isEqualTo("one server");
    } finally {
      callers.shutdownNow();
    }
  }

  @Test
  void aNameOutsideTheRulesIsRefusedNamingIt() {
    assertThatThrownBy(() -> TestServers.extra("Bad Name"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"Bad Name\"");
  }

  private static int portOf(TestDatabase database) {
    String afterHost = database.jdbcUrl().replaceFirst("^jdbc:postgresql://[^:/]+:?", "");
    String port = afterHost.replaceFirst("/.*$", "");
    return port.isEmpty() ? 5432 : Integer.parseInt(port);
  }

  private static void write(TestServer server, String value) throws SQLException {
    try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE IF NOT EXISTS marker (value text)");
      statement.execute("TRUNCATE marker");
      statement.execute("INSERT INTO marker VALUES ('" + value + "')");
    }
  }

  private static String read(TestServer server) throws SQLException {
    try (Connection connection = server.connect(); Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT value FROM marker")) {
      row.next();
      return row.getString(1);
    }
  }
}
