package io.rillflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.rillflow.DocumentStoreBuilder;
import io.rillflow.cli.app.Deposited;
import io.rillflow.events.AppendOptions;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.projections.ProjectionOptions;
import io.rillflow.test.RillflowTestBase;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link DaemonHost} in this JVM, read with a real HTTP client; the Prometheus text through a strict parser. */
class DaemonHostTest extends RillflowTestBase {
  private static final PrometheusMeterRegistry METERS = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private DaemonHost host;

  @Override
  protected void configure(DocumentStoreBuilder builder) {
    builder.meterRegistry(METERS).projectionOptions(ProjectionOptions.defaults().pollInterval(Duration.ofMillis(100)));
  }

  @AfterEach
  void stop() {
    if (host != null) {
      host.stop();
    }
    store().projections().daemon().stop();
  }

  @Test
  void servesHealthMetricsReadinessAndTraces() throws Exception {
    store().trace().enable();
    store().events().append("acc-1", ExpectedVersion.noStream(), AppendOptions.builder().correlationId("req-1").build(),
        new Deposited("a", 100), new Deposited("a", 5));
    host = DaemonHost.start(store(), "127.0.0.1:0", METERS);
    String base = "http://127.0.0.1:" + host.address().getPort();

    assertThat(Http.get(base, "/ready").statusCode()).isEqualTo(200);
    Http.await("the daemon applied both events", Duration.ofSeconds(30), () -> lag(base) == 0);
    HttpResponse<String> health = Http.get(base, "/");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    JsonNode json = CliProcess.JSON.readTree(health.body());
    assertThat(json.get("ready").asBoolean()).isTrue();
    assertThat(json.has("safePointHeldBackBy")).isTrue();
    JsonNode balances = json.get("projections").get(0);
    assertThat(balances.get("name").asText()).isEqualTo("balances");
    assertThat(balances.get("position").asLong()).isEqualTo(2);
    assertThat(balances.get("deadLetters").asLong()).isZero();
    assertThat(balances.get("ownedHere").asBoolean()).isTrue();
    assertThat(balances.has("heldBackBy")).isTrue();

    HttpResponse<String> metrics = Http.get(base, "/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    List<PrometheusText.Sample> samples = PrometheusText.parse(metrics.body());
    assertThat(value(samples, "rillflow_projection_events_applied_total", "balances")).isEqualTo(2.0);
    assertThat(value(samples, "rillflow_projection_lag", "balances")).isEqualTo(0.0);
    assertThat(samples).anySatisfy(s -> {
      assertThat(s.name()).isEqualTo("rillflow_daemon_ready");
      assertThat(s.value()).isEqualTo(1.0);
    });

    HttpResponse<String> trace = Http.get(base, "/trace/req-1");
    assertThat(trace.statusCode()).isEqualTo(200);
    assertThat(trace.body()).startsWith("sequenceDiagram\n").contains("EventStore");
    assertThat(Http.get(base, "/trace/nobody").statusCode()).isEqualTo(404);
    assertThat(Http.get(base, "/nothing-here").statusCode()).isEqualTo(404);
    assertThat(Http.post(base, "/").statusCode()).isEqualTo(405);

    host.stop();
    assertThat(host.isReady()).isFalse();
    assertThat(store().projections().daemon().status().get(0).owner()).as("the lease was released").isNull();
  }

  @Test
  void servesTheArchiveMetricsUnderTheirPrometheusNames() throws Exception {
    store().events().append("acc-2", ExpectedVersion.noStream(), new Deposited("b", 1), new Deposited("b", 2));
    store().events().archiveStream("acc-2");
    host = DaemonHost.start(store(), "127.0.0.1:0", METERS);
    String base = "http://127.0.0.1:" + host.address().getPort();

    List<PrometheusText.Sample> samples = PrometheusText.parse(Http.get(base, "/metrics").body());
    assertThat(archive(samples, "archive_streams_marked_total", Map.of())).isEqualTo(1.0);
    assertThat(archive(samples, "archive_streams_reactivated_total", Map.of())).isZero();
    assertThat(archive(samples, "archive_events_moved_total", Map.of("direction", "archive"))).isEqualTo(2.0);
    assertThat(archive(samples, "archive_move_batches_total", Map.of())).isEqualTo(1.0);
    assertThat(archive(samples, "archive_move_duration_seconds_count", Map.of())).isEqualTo(1.0);
    assertThat(archive(samples, "archive_events_hot_bytes", Map.of())).isPositive();
    assertThat(archive(samples, "archive_events_archived_bytes", Map.of())).isPositive();
  }

  private double archive(List<PrometheusText.Sample> samples, String name, Map<String, String> labels) {
    return samples.stream().filter(s -> s.name().equals(name)
            && store().schemaName().equals(s.labels().get("schema"))
            && s.labels().entrySet().containsAll(labels.entrySet()))
        .mapToDouble(PrometheusText.Sample::value).findFirst()
        .orElseThrow(() -> new AssertionError("No sample " + name + " " + labels));
  }

  @Test
  void aMalformedBindIsRefusedNamingIt() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> DaemonHost.start(store(), "localhost", METERS))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("host:port").hasMessageContaining("localhost");
    assertThat(store().projections().daemon().isRunning()).isFalse();
  }

  private static long lag(String base) {
    try {
      return CliProcess.JSON.readTree(Http.get(base, "/").body()).get("projections").get(0).get("lag").asLong();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static double value(List<PrometheusText.Sample> samples, String name, String projection) {
    return samples.stream().filter(s -> s.name().equals(name) && projection.equals(s.labels().get("projection")))
        .mapToDouble(PrometheusText.Sample::value).findFirst()
        .orElseThrow(() -> new AssertionError("No sample " + name + "{projection=\"" + projection + "\"}"));
  }
}
