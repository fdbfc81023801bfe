package io.rillflow.cli;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.rillflow.DocumentStore;
import io.rillflow.tenancy.Tenants;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code rillflow}: the command families. Holds what every command shares: the store (the
 * application's, or one opened from {@link ConnectionOptions} and closed when the command ends), the
 * output, and the application's catalog.
 */
@Command(name = "rillflow", mixinStandardHelpOptions = true, version = "Rillflow 0.1.0",
    description = "Operates a Rillflow store: schema, projections, streams, documents, upcasters, health, snapshots, subscriptions, tenants.",
    subcommands = {SchemaCommand.class, ProjectionsCommand.class, StreamsCommand.class, DocsCommand.class,
        UpcastersCommand.class, HealthCommand.class, SnapshotsCommand.class, SubscriptionsCommand.class,
        TenantsCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:done", "1:the operation failed", "2:usage error", "3:not found"})
final class RootCommand {
  @Spec
  CommandSpec spec;

  @Option(names = "--json", scope = ScopeType.INHERIT, description = "Print one JSON document (stable field names) instead of a table")
  void json(boolean json) {
    output.json(json);
  }

  @ArgGroup(exclusive = false, heading = "Database (standalone jar only):%n")
  ConnectionOptions connection;

  private final DocumentStore embedded;
  private final Output output;
  private final Map<String, String> environment;
  private final PrometheusMeterRegistry meters;
  private DocumentStore opened;
  private ApplicationCatalog catalog;

  RootCommand(DocumentStore embedded, PrometheusMeterRegistry meters, Output output, Map<String, String> environment) {
    this.embedded = embedded;
    this.meters = meters;
    this.output = output;
    this.environment = environment;
  }

  Output output() {
    return output;
  }

  /** The store's meters in Prometheus form, for the daemon host's {@code /metrics}. */
  PrometheusMeterRegistry meters() {
    return meters;
  }

  boolean standalone() {
    return embedded == null;
  }

  /** The tenants of the store; a store without tenancy is a usage error (the standalone jar was not told it). */
  Tenants tenants() {
    DocumentStore store = store();
    try {
      return store.tenants();
    } catch (IllegalStateException e) {
      throw new IllegalArgumentException(e.getMessage() + (standalone()
          ? " (the standalone jar opens a store with tenants with --tenancy schema-per-tenant,"
              + " --tenancy database-per-tenant or --tenancy conjoined)" : ""), e);
    }
  }

  /** The store the command works on. */
  DocumentStore store() {
    return store(null);
  }

  /**
   * The store the command works on; the standalone jar's store is built with {@code daemonSettings}
   * (the run loop's cluster options). Inside the application they are refused: its builder set them.
   */
  DocumentStore store(DaemonSettings daemonSettings) {
    if (embedded != null && daemonSettings != null && daemonSettings.given()) {
      throw new ParameterException(spec.commandLine(), daemonSettings.flags() + " belong to the standalone jar;"
          + " inside the application set them on its store: ProjectionOptions.nodeId(..).cluster(DaemonCluster...)");
    }
    if (embedded != null) {
      if (connection != null) {
        throw new ParameterException(spec.commandLine(), "--url, --user, --password-file, --schema and --auto-create "
            + "belong to the standalone jar; here the application gives the store");
      }
      return embedded;
    }
    if (opened == null) {
      opened = (connection != null ? connection : new ConnectionOptions()).open(spec, environment, meters,
          builder -> {
            if (daemonSettings != null) {
              daemonSettings.apply(builder);
            }
          });
    }
    return opened;
  }

  /** The application's documents, events and upcasters, as its generated modules register them. */
  ApplicationCatalog catalog() {
    if (catalog == null) {
      catalog = ApplicationCatalog.load(Thread.currentThread().getContextClassLoader());
    }
    return catalog;
  }

  /** Closes a store this command opened; never the application's. */
  void closeOpened() {
    if (opened != null) {
      opened.close();
      opened = null;
    }
  }
}
