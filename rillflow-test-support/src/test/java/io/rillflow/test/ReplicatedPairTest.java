package io.rillflow.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.RillflowException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A primary and its streaming hot standby, made with the low-level backup API. */
class ReplicatedPairTest {

  @Test
  void whatThePrimaryCommitsTheReplicaServesOnceReplayed() throws SQLException {
    ReplicatedPair pair = TestServers.replicatedPair();
    String value = UUID.randomUUID().toString();
    try (Connection primary = pair.primary().connect(); Statement statement = primary.createStatement()) {
      statement.execute("CREATE TABLE IF NOT EXISTS replicated (value text)");
      statement.execute("INSERT INTO replicated VALUES ('" + value + "')");
    }

    pair.awaitReplay();

    try (Connection replica = pair.replica().connect(); Statement statement = replica.createStatement()) {
      try (ResultSet recovery = statement.executeQuery("SELECT pg_is_in_recovery()")) {
        recovery.next();
        assertThat(recovery.getBoolean(1)).as("the replica is a standby").isTrue();
      }
      try (ResultSet row = statement.executeQuery("SELECT count(*) FROM replicated WHERE value = '" + value + "'")) {
        row.next();
        assertThat(row.getInt(1)).isEqualTo(1);
      }
      assertThatThrownBy(() -> statement.execute("INSERT INTO replicated VALUES ('x')"))
          .isInstanceOf(SQLException.class).hasMessageContaining("read-only");
    }
  }

  @Test
  void awaitingReplayWhileReplayIsPausedFailsNamingThePositions() throws SQLException {
    ReplicatedPair pair = TestServers.replicatedPair();
    try (Connection replica = pair.replica().connect(); Statement pause = replica.createStatement()) {
      pause.execute("SELECT pg_wal_replay_pause()");
      try {
        try (Connection primary = pair.primary().connect(); Statement statement = primary.createStatement()) {
          statement.execute("CREATE TABLE IF NOT EXISTS replicated (value text)");
          statement.execute("INSERT INTO replicated VALUES ('while paused')");
        }
        assertThatThrownBy(() -> pair.awaitReplay(Duration.ofSeconds(1)))
            .isInstanceOf(RillflowException.class)
            .hasMessageContaining(pair.replica().toString())
            .hasMessageContaining("replayed up to");
      } finally {
        pause.execute("SELECT pg_wal_replay_resume()");
      }
    }
    pair.awaitReplay();
  }

  @Test
  void aKilledReplicaStartsAgainAndCatchesUp() throws SQLException {
    ReplicatedPair pair = TestServers.replicatedPair();
    pair.replica().kill();
    try {
      try (Connection primary = pair.primary().connect(); Statement statement = primary.createStatement()) {
        statement.execute("CREATE TABLE IF NOT EXISTS replicated (value text)");
        statement.execute("INSERT INTO replicated VALUES ('while the replica was down')");
      }
    } finally {
      pair.replica().start();
    }
    pair.awaitReplay();
    try (Connection replica = pair.replica().connect(); Statement statement = replica.createStatement();
        ResultSet row = statement.executeQuery(
            "SELECT count(*) FROM replicated WHERE value = 'while the replica was down'")) {
      row.next();
      assertThat(row.getInt(1)).isEqualTo(1);
    }
  }
}
