/**
 * Operating a Rillflow store: the command line ({@link io.rillflow.cli.RillflowCli}, picocli; one
 * class per command family, {@link io.rillflow.cli.ExitCodes} for scripts) and the daemon host
 * ({@link io.rillflow.cli.DaemonHost}: health, Prometheus metrics, readiness and traces over the JDK's
 * HTTP server). Uses only the runtime's public API and {@code io.rillflow.spi}; never the runtime's
 * internals, and the runtime never depends on this module.
 */
package io.rillflow.cli;
