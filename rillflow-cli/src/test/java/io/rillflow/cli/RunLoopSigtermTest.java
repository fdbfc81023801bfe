package io.rillflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.cli.app.Balance;
import io.rillflow.cli.app.Deposited;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.projections.ProjectionStatus;
import io.rillflow.test.ChildJvm;
import io.rillflow.test.RillflowTestBase;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code projections run-loop --health-bind} as a real child JVM: ready over HTTP, applies events,
 * and on SIGTERM finishes and releases its lease, so this store (whose own lease would otherwise wait
 * out the child's 30 s lease) takes the projection over at once.
 */
class RunLoopSigtermTest extends RillflowTestBase {
  private ChildJvm child;

  @AfterEach
  void cleanUp() throws InterruptedException {
    if (child != null) {
      child.close();
    }
    store().projections().daemon().stop();
  }

  @Test
  void sigtermReleasesTheLeaseSoAnotherStoreTakesOverAtOnce() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String base = "http://127.0.0.1:" + port;
    child = ChildJvm.start(CliProcess.builder(store().schemaName(), "projections", "run-loop", "--health-bind",
        "127.0.0.1:" + port));
    Http.await("the child's /ready answers 200", Duration.ofSeconds(90),
        () -> Http.answers(base, "/ready", 200) || !child.isAlive());
    assertThat(child.isAlive()).as(child.output()).isTrue();

    store().events().append("acc-1", ExpectedVersion.noStream(), new Deposited("a", 10));
    Http.await("the child applied the event", Duration.ofSeconds(30), () -> balance("a") == 10);
    java.util.List<PrometheusText.Sample> samples = PrometheusText.parse(Http.get(base, "/metrics").body());
    assertThat(samples).as("the child's store meters reach /metrics").anySatisfy(sample -> {
      assertThat(sample.name()).isEqualTo("rillflow_projection_events_applied_total");
      assertThat(sample.labels()).containsEntry("projection", "balances");
      assertThat(sample.value()).isEqualTo(1.0);
    });
    ProjectionStatus held = store().projections().daemon().status().get(0);
    assertThat(held.owner()).as("the child holds the lease").isNotNull();
    assertThat(held.ownedHere()).isFalse();
    assertThat(store().projections().daemon().runUntilIdle()).as("held by the child").isZero();

    long signalled = System.nanoTime();
    child.terminate();
    int exit = child.awaitExit(Duration.ofSeconds(60));
    long stopMillis = (System.nanoTime() - signalled) / 1_000_000;
    assertThat(exit).as(child.output()).isIn(0, 143);
    System.out.println("run-loop stopped " + stopMillis + " ms after SIGTERM");

    assertThat(store().projections().daemon().status().get(0).owner()).as("released on SIGTERM").isNull();
    store().events().append("acc-1", ExpectedVersion.exactly(1), new Deposited("a", 5));
    Http.await("this store takes over at once, not after the child's 30 s lease", Duration.ofSeconds(10), () -> {
      store().projections().daemon().runUntilIdle();
      return balance("a") == 15;
    });
  }

  private long balance(String account) {
    try (var session = store().querySession()) {
      return session.load(Balance.class, account).map(Balance::cents).orElse(0L);
    }
  }
}
