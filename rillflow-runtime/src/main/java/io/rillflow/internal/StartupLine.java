package io.rillflow.internal;

import io.rillflow.AutoCreate;
import io.rillflow.internal.schema.RillflowMigrations;
import io.rillflow.spi.DocumentMapping;
import io.rillflow.spi.RegisteredProjection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one INFO line a store logs when it has started: what the compiler registered and what the
 * database holds, so "why is my document type not there" is answered by the log before any query.
 */
final class StartupLine {
  private static final Logger LOG = LoggerFactory.getLogger("io.rillflow.DocumentStore");

  private StartupLine() {}

  static void log(String schema, AutoCreate autoCreate, ModuleParts parts, List<RegisteredProjection> projections) {
    if (LOG.isInfoEnabled()) {
      LOG.info(text(schema, autoCreate, parts, projections));
    }
  }

  static String text(String schema, AutoCreate autoCreate, ModuleParts parts, List<RegisteredProjection> projections) {
    List<String> documents = parts.all().stream().map(m -> m.documentType().getSimpleName() + "->" + m.tableName())
        .sorted().toList();
    List<String> events = parts.events().typeNames();
    List<String> named = projections.stream().map(p -> p.name() + " (" + p.lifecycle() + ")").toList();
    return "Rillflow store started: schema \"" + schema + "\", autoCreate " + autoCreate
        + ", Rillflow migrations to V" + RillflowMigrations.latestVersion()
        + ", " + documents.size() + " document types " + documents
        + ", " + events.size() + " event types " + events
        + ", " + named.size() + " projections " + named;
  }
}
