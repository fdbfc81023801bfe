package io.rillflow.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.rillflow.DocumentStore;
import io.rillflow.projections.ProjectionStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon host's endpoints, all {@code GET}:
 *
 * <ul>
 *   <li>{@code /}: health as JSON: {@code ready}, {@code schema}, and per projection its status
 *       (lag, dead letters, lease, {@code heldBackBy}: the open transaction that holds the safe point
 *       back); {@code safePointHeldBackBy} at the top; {@code cluster}: this node's cluster (nodes, hot node,
 *       heartbeat ages, leases, standbys, health), {@code null} outside one. 200 while ready, else 503; 503 with {@code error}
 *       when the database cannot be read.
 *   <li>{@code /metrics}: the registry in Prometheus text format (version 0.0.4).
 *   <li>{@code /ready}: 200 while the daemon runs under the host, 503 before and after.
 *   <li>{@code /trace/{id}}: the store trace's Mermaid diagram for that correlation id; 404 when none is kept.
 * </ul>
 */
final class DaemonEndpoints {
  private static final Logger LOG = LoggerFactory.getLogger(DaemonEndpoints.class);
  private static final String JSON = "application/json; charset=utf-8";
  private static final String TEXT = "text/plain; charset=utf-8";
  private static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";

  private final DocumentStore store;
  private final PrometheusMeterRegistry meters;
  private final BooleanSupplier ready;

  DaemonEndpoints(DocumentStore store, PrometheusMeterRegistry meters, BooleanSupplier ready) {
    this.store = store;
    this.meters = meters;
    this.ready = ready;
  }

  void register(HttpServer server) {
    server.createContext("/", exchange -> answer(exchange, this::route));
  }

  @FunctionalInterface
  private interface Handler {
    void handle(HttpExchange exchange) throws IOException;
  }

  /** Every exchange is answered and closed, whatever the handler threw. */
  private static void answer(HttpExchange exchange, Handler handler) {
    try (exchange) {
      if (!"GET".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().set("Allow", "GET");
        send(exchange, 405, TEXT, "Only GET is served\n");
        return;
      }
      handler.handle(exchange);
    } catch (IOException | RuntimeException e) {
      LOG.warn("Daemon host: {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
    }
  }

  private void route(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    if (path.equals("/")) {
      health(exchange);
    } else if (path.equals("/metrics")) {
      send(exchange, 200, PROMETHEUS, meters.scrape());
    } else if (path.equals("/ready")) {
      boolean isReady = ready.getAsBoolean();
      send(exchange, isReady ? 200 : 503, JSON, "{\"ready\":" + isReady + "}\n");
    } else if (path.startsWith("/trace/") && path.length() > "/trace/".length()) {
      trace(exchange, URLDecoder.decode(path.substring("/trace/".length()), StandardCharsets.UTF_8));
    } else {
      send(exchange, 404, TEXT, "Not found: " + path + " (served: /, /metrics, /ready, /trace/{id})\n");
    }
  }

  private void health(HttpExchange exchange) throws IOException {
    Map<String, Object> health = new LinkedHashMap<>();
    boolean isReady = ready.getAsBoolean();
    health.put("ready", isReady);
    health.put("schema", store.schemaName());
    int status = isReady ? 200 : 503;
    try {
      List<ProjectionStatus> statuses = store.projections().daemon().status();
      health.put("safePointHeldBackBy", statuses.stream().map(ProjectionStatus::heldBackBy).filter(Objects::nonNull)
          .findFirst().orElse(null));
      health.put("projections", statuses.stream().map(ProjectionsCommand::statusJson).toList());
      // This node's view of its cluster (carried forward from its last heartbeat); null outside a cluster.
      health.put("cluster", store.projections().clusters().local().map(ClusterCommands::clusterJson).orElse(null));
    } catch (RuntimeException e) {
      health.put("error", e.getMessage());
      status = 503;
    }
    send(exchange, status, JSON, Output.JSON.writeValueAsString(health) + "\n");
  }

  private void trace(HttpExchange exchange, String id) throws IOException {
    if (store.trace().steps(id).isEmpty()) {
      send(exchange, 404, TEXT, "No trace is kept for \"" + id + "\""
          + (store.trace().isEnabled() ? "" : " (the store's trace is off: store.trace().enable())") + "\n");
      return;
    }
    send(exchange, 200, TEXT, store.trace().mermaid(id));
  }

  private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
