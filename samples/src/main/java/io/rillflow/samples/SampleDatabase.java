package io.rillflow.samples;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The database the samples run on: {@code RILLFLOW_DATABASE_URL} when set, else an embedded
 * PostgreSQL started for the run, so the quickstart needs nothing installed.
 */
final class SampleDatabase implements AutoCloseable {
  private final EmbeddedPostgres embedded;
  private final String url;

  private SampleDatabase(EmbeddedPostgres embedded, String url) {
    this.embedded = embedded;
    this.url = url;
  }

  static SampleDatabase open() {
    String url = System.getenv("RILLFLOW_DATABASE_URL");
    if (url != null && !url.isBlank()) {
      return new SampleDatabase(null, url.trim());
    }
    try {
      EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
      return new SampleDatabase(embedded, embedded.getJdbcUrl("postgres", "postgres"));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start an embedded PostgreSQL; set RILLFLOW_DATABASE_URL instead", e);
    }
  }

  String url() {
    return url;
  }

  String description() {
    return embedded != null ? "embedded PostgreSQL on port " + embedded.getPort() : "RILLFLOW_DATABASE_URL";
  }

  @Override
  public void close() throws IOException {
    if (embedded != null) {
      embedded.close();
    }
  }
}
