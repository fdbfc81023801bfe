package io.rillflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.projections.ClusterStatus;
import io.rillflow.test.ChildJvm;
import io.rillflow.test.RillflowTestBase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The standalone run loop's cluster flags as a real process: the node joins the hotcold cluster named,
 * serves its gauges, and on SIGTERM leaves it (its row deleted, so a cold node would claim at once);
 * inside the application the flags are refused (the application's builder sets them).
 */
class RunLoopClusterFlagsTest extends RillflowTestBase {
  private ChildJvm child;

  @AfterEach
  void cleanUp() throws InterruptedException {
    if (child != null) {
      child.close();
    }
  }

  @Test
  void theStandaloneRunLoopJoinsTheClusterItsFlagsNameAndLeavesItOnSigterm() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String base = "http://127.0.0.1:" + port;
    child = ChildJvm.start(CliProcess.builder(store().schemaName(), "projections", "run-loop", "--health-bind",
        "127.0.0.1:" + port, "--cluster-mode", "hotcold", "--cluster-name", "cli", "--node-id", "c1",
        "--lease-ttl-millis", "3000"));
    Http.await("the child's /ready answers 200", Duration.ofSeconds(90),
        () -> Http.answers(base, "/ready", 200) || !child.isAlive());
    assertThat(child.isAlive()).as(child.output()).isTrue();
    Http.await("c1 is the hot node of cluster cli", Duration.ofSeconds(30),
        () -> "c1".equals(store().projections().clusters().status("cli").map(ClusterStatus::hotNode).orElse(null)));
    Http.await("the child serves a healthy cluster", Duration.ofSeconds(30), () -> PrometheusText
        .parse(get(base + "/metrics")).stream().anyMatch(s -> s.name().equals("daemon_cluster_healthy")
            && s.labels().equals(Map.of("cluster", "cli")) && s.value() == 1.0));

    child.terminate();
    child.awaitExit(Duration.ofSeconds(60));
    assertThat(store().projections().clusters().status("cli")).as("left the cluster").isEmpty();
  }

  @Test
  void insideTheApplicationTheClusterFlagsAreRefusedNamingThem() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = RillflowCli.run(store(), new PrintWriter(out), new PrintWriter(err), "projections", "run-loop",
        "--cluster-mode", "hotcold", "--node-id", "x");
    assertThat(exit).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("--node-id").contains("--cluster-mode").contains("ProjectionOptions");
    assertThat(store().projections().daemon().isRunning()).isFalse();
  }

  private static String get(String url) {
    try {
      return Http.get(url, "").body();
    } catch (Exception e) {
      return "";
    }
  }
}
