package io.rillflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rillflow.cli.app.Deposited;
import io.rillflow.events.AppendOptions;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.projections.ClusterStatus;
import io.rillflow.test.RillflowTestBase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hotcold clusters of real JVMs ({@link ClusterNodeMain}, each running the command line's run loop with
 * its health endpoint): a SIGKILLed hot node is replaced once its lease (plus the grace) ends, the
 * survivors' {@code daemon_cluster_healthy} goes 1, 0, 1, and no event is committed twice
 * ({@link NodeLedger}); a frozen (SIGSTOP) hot node is replaced and, woken, stays cold and commits
 * nothing; {@code promote} and {@code demote} as real processes hand the projections over.
 */
class HotColdClusterTest extends RillflowTestBase {
  private static final long LEASE = 3_000;
  private static final long GRACE = 1_000;
  private static final int PROJECTIONS = 2;

  @BeforeEach
  void table() {
    NodeLedger.createTable(store());
  }

  private NodeProcess.Settings settings(String cluster) {
    return new NodeProcess.Settings(store().schemaName(), "hotcold", cluster, PROJECTIONS, LEASE, GRACE, 1, 5);
  }

  @Test
  void aKilledHotNodeIsReplacedWithinTheLeaseAndGraceAndNoEventIsCommittedTwice() throws Exception {
    NodeProcess.Settings settings = settings("hc");
    try (NodeProcess n1 = NodeProcess.start(settings, "n1"); NodeProcess n2 = NodeProcess.start(settings, "n2");
        NodeProcess n3 = NodeProcess.start(settings, "n3")) {
      List<NodeProcess> nodes = List.of(n1, n2, n3);
      awaitReady(nodes);
      ClusterStatus formed = awaitCluster("hc", s -> s.healthy() && live(s) == 3);
      String hot = formed.hotNode();
      NodeProcess hotNode = nodes.stream().filter(n -> n.id.equals(hot)).findFirst().orElseThrow();
      List<NodeProcess> survivors = nodes.stream().filter(n -> n != hotNode).toList();

      append(100);
      awaitApplied(100);
      assertThat(NodeLedger.rows(store())).extracting(NodeLedger.Applied::node).containsOnly(hot);

      try (ClusterProbe probe = ClusterProbe.watch(survivors, "hc")) {
        Http.await("the standbys report a healthy cluster", Duration.ofSeconds(30),
            () -> survivors.stream().allMatch(n -> probe.healthySeen(n).contains(1.0)));
        append(400);
        Http.await("the hot node is applying", Duration.ofSeconds(30),
            () -> NodeLedger.rows(store()).size() > PROJECTIONS * 100 + 40);
        long killed = System.nanoTime();
        hotNode.kill();
        ClusterStatus after = awaitCluster("hc", s -> s.hotNode() != null && !s.hotNode().equals(hot));
        long failoverMillis = (System.nanoTime() - killed) / 1_000_000;
        String promoted = after.hotNode();
        System.out.println("hotcold: " + promoted + " hot " + failoverMillis + " ms after SIGKILL of " + hot
            + " (lease " + LEASE + " ms, grace " + GRACE + " ms)");
        // The hot node's lease ends at most a lease after its last heartbeat (before the kill); a cold
        // node checks the moment the grace after it ends. The rest is slack for a loaded machine.
        assertThat(failoverMillis).as("failover").isLessThanOrEqualTo(LEASE + GRACE + 1_500);

        awaitApplied(500);
        assertNothingTwice();
        assertThat(NodeLedger.rows(store())).extracting(NodeLedger.Applied::node).containsOnly(hot, promoted)
            .contains(promoted);
        NodeProcess promotedNode = survivors.stream().filter(n -> n.id.equals(promoted)).findFirst().orElseThrow();
        Http.await("the standbys saw the cluster healthy, unhealthy, healthy", Duration.ofSeconds(30),
            () -> survivors.stream().allMatch(n -> ClusterProbe.inOrder(probe.healthySeen(n), 1, 0, 1)));
        System.out.println("daemon_cluster_healthy seen: " + survivors.stream()
            .collect(Collectors.toMap(n -> n.id, probe::healthySeen)));

        assertThat(ClusterProbe.gauge(promotedNode, "daemon_node_hot", Map.of("cluster", "hc", "node", promoted)))
            .hasValue(1.0);
        assertThat(ClusterProbe.gauge(promotedNode, "daemon_node_hot", Map.of("cluster", "hc", "node", hot)))
            .as("the dead node").hasValue(0.0);
        assertThat(ClusterProbe.gauge(promotedNode, "daemon_cluster_required_standbys", Map.of("cluster", "hc")))
            .hasValue(1.0);
        assertThat(ClusterProbe.gauge(promotedNode, "daemon_cluster_standby_nodes", Map.of("cluster", "hc")))
            .hasValue(1.0);
        assertThat(ClusterProbe.gauge(promotedNode, "daemon_node_lease_seconds", Map.of("cluster", "hc", "node", hot))
            .getAsDouble()).as("the dead node's lease ended").isNegative();
        assertThat(ClusterProbe.gauge(promotedNode, "daemon_node_heartbeat_age_seconds",
            Map.of("cluster", "hc", "node", hot)).getAsDouble()).isGreaterThan(LEASE / 1000.0);
        JsonNode health = ClusterProbe.health(promotedNode).get("cluster");
        assertThat(health.get("name").asText()).isEqualTo("hc");
        assertThat(health.get("mode").asText()).isEqualTo("hotcold");
        assertThat(health.get("hotNode").asText()).isEqualTo(promoted);
        assertThat(health.get("healthy").asBoolean()).isTrue();
        assertThat(health.get("nodes")).hasSize(3);

        String cold = survivors.stream().map(n -> n.id).filter(id -> !id.equals(promoted)).findFirst().orElseThrow();
        promoteAndDemote(promoted, cold);
      }
    }
  }

  /** {@code promote} and {@code demote} as real processes of the standalone command line. */
  private void promoteAndDemote(String hot, String cold) throws Exception {
    CliProcess.Result promote = CliProcess.run(store().schemaName(), "projections", "promote", "--cluster", "hc",
        "--node", cold, "--json");
    assertThat(promote.exit()).as(promote.toString()).isZero();
    assertThat(promote.json().get("promoted").asText()).isEqualTo(cold);
    Http.await("the promoted node holds every projection", Duration.ofSeconds(30),
        () -> ClusterProbe.owners(store()).values().stream().allMatch(cold::equals));
    append(50);
    awaitApplied(550);
    assertNothingTwice();

    CliProcess.Result demote = CliProcess.run(store().schemaName(), "projections", "demote", "--cluster", "hc",
        "--json");
    assertThat(demote.exit()).as(demote.toString()).isZero();
    assertThat(demote.json().get("demoted").asText()).isEqualTo(cold);
    awaitCluster("hc", s -> hot.equals(s.hotNode()));
    Http.await("the other node holds every projection again", Duration.ofSeconds(30),
        () -> ClusterProbe.owners(store()).values().stream().allMatch(hot::equals));
    append(50);
    awaitApplied(600);
    assertNothingTwice();

    CliProcess.Result status = CliProcess.run(store().schemaName(), "projections", "cluster-status", "--json");
    assertThat(status.exit()).as(status.toString()).isZero();
    JsonNode cluster = status.json().get("clusters").get(0);
    assertThat(cluster.get("name").asText()).isEqualTo("hc");
    assertThat(cluster.get("hotNode").asText()).isEqualTo(hot);
    assertThat(cluster.get("nodes")).hasSize(3);
    CliProcess.Result table = CliProcess.run(store().schemaName(), "projections", "cluster-status", "--cluster", "hc");
    assertThat(table.exit()).as(table.toString()).isZero();
    assertThat(table.out()).startsWith("CLUSTER").contains("hotcold");
    assertThat(CliProcess.run(store().schemaName(), "projections", "cluster-status", "--cluster", "nope").exit())
        .isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(CliProcess.run(store().schemaName(), "projections", "promote", "--cluster", "hc", "--node", "ghost")
        .exit()).isEqualTo(ExitCodes.NOT_FOUND);
  }

  @Test
  void aFrozenHotNodeIsReplacedAndWhenItWakesStaysColdAndCommitsNothing() throws Exception {
    NodeProcess.Settings settings = settings("frozen");
    try (NodeProcess n1 = NodeProcess.start(settings, "f1"); NodeProcess n2 = NodeProcess.start(settings, "f2")) {
      List<NodeProcess> nodes = List.of(n1, n2);
      awaitReady(nodes);
      String hot = awaitCluster("frozen", s -> s.healthy() && live(s) == 2).hotNode();
      NodeProcess hotNode = nodes.stream().filter(n -> n.id.equals(hot)).findFirst().orElseThrow();
      String other = nodes.stream().map(n -> n.id).filter(id -> !id.equals(hot)).findFirst().orElseThrow();

      append(300);
      Http.await("the hot node is applying", Duration.ofSeconds(30), () -> NodeLedger.rows(store()).size() > 40);
      long frozenAt = System.nanoTime();
      hotNode.freeze();
      awaitCluster("frozen", s -> other.equals(s.hotNode()));
      long replacedMillis = (System.nanoTime() - frozenAt) / 1_000_000;
      System.out.println("hotcold: frozen hot node replaced " + replacedMillis + " ms after SIGSTOP");
      assertThat(replacedMillis).isLessThanOrEqualTo(LEASE + GRACE + 1_500);
      awaitApplied(300);
      Map<String, String> owners = ClusterProbe.owners(store());

      hotNode.thaw();
      ClusterStatus woken = awaitCluster("frozen", s -> live(s) == 2 && s.healthy());
      assertThat(woken.hotNode()).as("the woken node stays cold").isEqualTo(other);
      append(50);
      awaitApplied(350);
      assertNothingTwice();
      assertThat(ClusterProbe.owners(store())).as("no projection went back").isEqualTo(owners);
      List<NodeLedger.Applied> late = new ArrayList<>(NodeLedger.rows(store()));
      late.removeIf(row -> row.position() <= 300);
      assertThat(late).extracting(NodeLedger.Applied::node).containsOnly(other);
    }
  }

  @Test
  void theHotNodesConnectionsKilledMidBatchLoseNothingAndCommitNothingTwice() throws Exception {
    NodeProcess.Settings settings = settings("killed");
    try (NodeProcess n1 = NodeProcess.start(settings, "k1"); NodeProcess n2 = NodeProcess.start(settings, "k2")) {
      List<NodeProcess> nodes = List.of(n1, n2);
      awaitReady(nodes);
      String hot = awaitCluster("killed", s -> s.healthy() && live(s) == 2).hotNode();
      append(300);
      Http.await("the hot node is applying", Duration.ofSeconds(30), () -> NodeLedger.rows(store()).size() > 40);
      long terminated = 0;
      for (int round = 0; round < 3; round++) {
        terminated += NodeLedger.count(store(), "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            + " WHERE application_name = '" + NodeProcess.applicationName(hot) + "'");
        Thread.sleep(200);
      }
      assertThat(terminated).as("the hot node's connections were ended").isPositive();
      awaitApplied(300);
      assertNothingTwice();
      ClusterStatus after = awaitCluster("killed", s -> s.healthy() && live(s) == 2);
      System.out.println("hotcold: after " + terminated + " of " + hot + "'s connections were terminated, hot: "
          + after.hotNode());
      assertThat(nodes).allSatisfy(n -> assertThat(n.isAlive()).as(n.log()).isTrue());
    }
  }

  private static long live(ClusterStatus status) {
    return status.nodes().stream().filter(io.rillflow.projections.ClusterNode::live).count();
  }

  private void awaitReady(List<NodeProcess> nodes) throws InterruptedException {
    for (NodeProcess node : nodes) {
      Http.await(node.id + " answers /ready", Duration.ofSeconds(120),
          () -> Http.answers(node.base(), "/ready", 200) || !node.isAlive());
      assertThat(node.isAlive()).as(node.log()).isTrue();
    }
  }

  private ClusterStatus awaitCluster(String name, java.util.function.Predicate<ClusterStatus> condition)
      throws InterruptedException {
    ClusterStatus[] seen = new ClusterStatus[1];
    Http.await("cluster " + name + " in the state wanted", Duration.ofSeconds(60), () -> {
      seen[0] = ClusterProbe.cluster(store(), name).orElse(null);
      return seen[0] != null && condition.test(seen[0]);
    });
    return seen[0];
  }

  private void append(int events) {
    List<Deposited> deposits = new ArrayList<>();
    for (int i = 0; i < events; i++) {
      deposits.add(new Deposited("a", 1));
    }
    store().events().append("acc", ExpectedVersion.any(), AppendOptions.NONE, deposits);
  }

  private void awaitApplied(int events) throws InterruptedException {
    Http.await(events + " events applied to each projection", Duration.ofSeconds(90),
        () -> NodeLedger.rows(store()).size() == PROJECTIONS * events);
  }

  private void assertNothingTwice() {
    assertThat(NodeLedger.rows(store())).extracting(NodeLedger.Applied::times).containsOnly(1);
    assertThat(NodeLedger.rows(store()).stream().map(NodeLedger.Applied::projection).collect(Collectors.toSet()))
        .isEqualTo(Set.of("ledger-0", "ledger-1"));
  }
}
