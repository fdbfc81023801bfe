package io.rillflow.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** Extra servers: their own port and data, shared per JVM, stopped, killed and started again. */
class TestServersTest {

  @Test
  void anExtraServerIsItsOwnServerBesideTheMainOne() throws SQLException {
    TestServer extra = TestServers.extra("servers-own");

    assertThat(extra.running()).isTrue();
    assertThat(extra.jdbcUrl()).doesNotContain(":" + portOf(TestDatabase.shared()) + "/");
    assertThat(TestServers.extra("servers-own")).as("shared per JVM").isSameAs(extra);
    TestServer other = TestServers.extra("servers-other");
    assertThat(other.port()).isNotEqualTo(extra.port());
    assertThat(other.dataDirectory()).isNotEqualTo(extra.dataDirectory());
    try (Connection connection = extra.connect(); Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE only_here (id int)");
    }
    try (Connection connection = other.connect(); Statement statement = connection.createStatement();
        ResultSet found = statement.executeQuery("SELECT to_regclass('only_here') IS NULL")) {
      found.next();
      assertThat(found.getBoolean(1)).as("a table of one server is not on the other").isTrue();
    }
  }

  @Test
  void aStoppedServerRefusesConnectionsAndComesBackWithItsData() throws SQLException {
    TestServer server = TestServers.extra("servers-stopped");
    write(server, "kept");
    TestServer bystander = TestServers.extra("servers-bystander");

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
    TestServer server = TestServers.extra("servers-killed");
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
    if (server.name().equals("servers-bystander")) {
      write(server, "bystander is up");
    }
    try (Connection connection = server.connect(); Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT value FROM marker")) {
      row.next();
      return row.getString(1);
    }
  }
}
