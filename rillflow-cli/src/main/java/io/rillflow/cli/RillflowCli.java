package io.rillflow.cli;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.rillflow.DocumentStore;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine;

/**
 * The command line, two ways.
 *
 * <p><b>Inside the application</b>, where its documents, events and projections are known: every
 * command works on the application's store, which is left open.
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *   try (DocumentStore store = buildStore()) {
 *     System.exit(RillflowCli.run(store, args));      // e.g. "projections status --json"
 *   }
 * }
 * }</pre>
 *
 * <p><b>Standalone</b>: {@code java -jar rillflow-cli-<version>-standalone.jar --url
 * jdbc:postgresql://host/db --user app --schema app projections status}, password in
 * {@code RILLFLOW_DATABASE_PASSWORD} or {@code --password-file}. Without the application's classes
 * it serves the store-level commands (status, dead letters, streams, health); with the application's
 * jar on the class path ({@code java -cp app.jar:rillflow-cli-standalone.jar io.rillflow.cli.RillflowCli ...})
 * all of them. The exit status is one of {@link ExitCodes}.
 */
public final class RillflowCli {

  private RillflowCli() {}

  /** Runs {@code args} on the application's store, printing to the standard streams; returns the exit status. */
  public static int run(DocumentStore store, String... args) {
    return run(store, standardOut(), standardErr(), args);
  }

  /**
   * As {@link #run(DocumentStore, String...)}, with the registry given to the store's builder
   * ({@code meterRegistry(meters)}), so that {@code projections run-loop --health-bind}'s
   * {@code /metrics} shows the store's meters.
   */
  public static int run(DocumentStore store, PrometheusMeterRegistry meters, String... args) {
    return execute(Objects.requireNonNull(store, "store"), Objects.requireNonNull(meters, "meters"), standardOut(),
        standardErr(), System.getenv(), args);
  }

  /** Runs {@code args} on the application's store, printing to {@code out} and {@code err}; returns the exit status. */
  public static int run(DocumentStore store, PrintWriter out, PrintWriter err, String... args) {
    return execute(Objects.requireNonNull(store, "store"), newMeters(), out, err, System.getenv(), args);
  }

  /** The standalone jar's entry point: exits with the status. */
  public static void main(String... args) {
    // The pool's and Flyway's start-up lines would mix with the output; warnings and errors still show.
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    System.exit(execute(null, newMeters(), standardOut(), standardErr(), System.getenv(), args));
  }

  static int execute(DocumentStore store, PrometheusMeterRegistry meters, PrintWriter out, PrintWriter err,
      Map<String, String> environment, String... args) {
    Output output = new Output(out, err);
    RootCommand root = new RootCommand(store, meters, output, environment);
    CommandLine commandLine = new CommandLine(root)
        .setOut(out)
        .setErr(err)
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler(new FailureHandler(output));
    try {
      return commandLine.execute(args);
    } finally {
      root.closeOpened();
      out.flush();
      err.flush();
    }
  }

  private static PrometheusMeterRegistry newMeters() {
    return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  }

  private static PrintWriter standardOut() {
    return new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
  }

  private static PrintWriter standardErr() {
    return new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
  }
}
