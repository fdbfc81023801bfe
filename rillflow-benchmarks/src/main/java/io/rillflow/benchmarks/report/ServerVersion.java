package io.rillflow.benchmarks.report;

import io.rillflow.benchmarks.BenchDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Prints the PostgreSQL version of {@code RILLFLOW_BENCH_DATABASE_URL}, for the report's run
 * description; {@code run.sh} calls it only when that variable is set (else it would start an
 * embedded server just to ask).
 */
public final class ServerVersion {
  private ServerVersion() {}

  public static void main(String[] args) throws SQLException {
    try (Connection connection = DriverManager.getConnection(BenchDatabase.url());
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SHOW server_version")) {
      rows.next();
      System.out.println("PostgreSQL " + rows.getString(1));
    }
  }
}
