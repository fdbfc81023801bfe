package io.rillflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.cli.app.Deposited;
import io.rillflow.events.AppendOptions;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.projections.ClusterNode;
import io.rillflow.projections.ClusterStatus;
import io.rillflow.test.RillflowTestBase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A distributed cluster of real JVMs: the projections spread over the live nodes; when one is SIGKILLed
 * its projections move to the survivors once its lease ends, and when a node joins some move to it;
 * no event is committed twice ({@link NodeLedger}) through either.
 */
class DistributedClusterTest extends RillflowTestBase {
  private static final long LEASE = 3_000;
  private static final int PROJECTIONS = 12;

  @BeforeEach
  void table() {
    NodeLedger.createTable(store());
  }

  @Test
  void projectionsSpreadMoveOffAKilledNodeAndOntoANewOneWithNothingCommittedTwice() throws Exception {
    NodeProcess.Settings settings = new NodeProcess.Settings(store().schemaName(), "distributed", "dist", PROJECTIONS,
        LEASE, 0, 1, 2);
    try (NodeProcess d1 = NodeProcess.start(settings, "d1"); NodeProcess d2 = NodeProcess.start(settings, "d2");
        NodeProcess d3 = NodeProcess.start(settings, "d3")) {
      List<NodeProcess> nodes = List.of(d1, d2, d3);
      for (NodeProcess node : nodes) {
        Http.await(node.id + " answers /ready", Duration.ofSeconds(120),
            () -> Http.answers(node.base(), "/ready", 200) || !node.isAlive());
        assertThat(node.isAlive()).as(node.log()).isTrue();
      }
      awaitCluster(s -> live(s) == 3 && s.healthy());
      append(100);
      Map<String, String> spread = awaitOwners(o -> o.size() == PROJECTIONS && !o.containsValue("")
          && new HashSet<>(o.values()).size() == 3);
      System.out.println("distributed: " + spread);
      awaitApplied(100);

      String victim = mostLoaded(spread);
      NodeProcess victimNode = nodes.stream().filter(n -> n.id.equals(victim)).findFirst().orElseThrow();
      Set<String> moved = spread.entrySet().stream().filter(e -> e.getValue().equals(victim)).map(Map.Entry::getKey)
          .collect(Collectors.toSet());
      append(300);
      Http.await("the nodes are applying", Duration.ofSeconds(30),
          () -> NodeLedger.rows(store()).size() > PROJECTIONS * 100 + 100);
      long killed = System.nanoTime();
      victimNode.kill();
      Map<String, String> after = awaitOwners(o -> moved.stream().allMatch(p -> !o.get(p).isEmpty()
          && !o.get(p).equals(victim)));
      long moveMillis = (System.nanoTime() - killed) / 1_000_000;
      System.out.println("distributed: " + moved + " moved off " + victim + " in " + moveMillis + " ms: " + after);
      assertThat(moveMillis).isLessThanOrEqualTo(2 * LEASE + 1_500);
      awaitApplied(400);
      assertNothingTwice();

      try (NodeProcess d4 = NodeProcess.start(settings, "d4")) {
        Http.await("d4 answers /ready", Duration.ofSeconds(120),
            () -> Http.answers(d4.base(), "/ready", 200) || !d4.isAlive());
        Map<String, String> rebalanced = awaitOwners(o -> o.containsValue("d4") && !o.containsValue(""));
        System.out.println("distributed: after d4 joined: " + rebalanced);
        append(100);
        awaitApplied(500);
        assertNothingTwice();
        assertThat(ClusterProbe.gauge(d4, "daemon_cluster_healthy", Map.of("cluster", "dist"))).hasValue(1.0);
        assertThat(ClusterProbe.gauge(d4, "daemon_node_hot", Map.of("cluster", "dist", "node", "d4"))).hasValue(1.0);
        assertThat(ClusterProbe.gauge(d4, "daemon_cluster_standby_nodes", Map.of("cluster", "dist"))).hasValue(2.0);
        assertThat(ClusterProbe.health(d4).get("cluster").get("mode").asText()).isEqualTo("distributed");
        CliProcess.Result demote = CliProcess.run(store().schemaName(), "projections", "demote", "--cluster", "dist");
        assertThat(demote.exit()).as("only a hotcold cluster has a hot node: " + demote).isEqualTo(ExitCodes.FAILURE);
        assertThat(demote.err()).contains("distributed");
      }
    }
  }

  private static String mostLoaded(Map<String, String> owners) {
    return owners.values().stream().collect(Collectors.groupingBy(o -> o, Collectors.counting())).entrySet().stream()
        .max(Map.Entry.comparingByValue()).orElseThrow().getKey();
  }

  private static long live(ClusterStatus status) {
    return status.nodes().stream().filter(ClusterNode::live).count();
  }

  private void awaitCluster(Predicate<ClusterStatus> condition) throws InterruptedException {
    Http.await("cluster dist in the state wanted", Duration.ofSeconds(60),
        () -> ClusterProbe.cluster(store(), "dist").filter(condition).isPresent());
  }

  private Map<String, String> awaitOwners(Predicate<Map<String, String>> condition) throws InterruptedException {
    List<Map<String, String>> seen = new ArrayList<>(List.of(Map.of()));
    Http.await("the projections' owners as wanted (last seen " + seen + ")", Duration.ofSeconds(60), () -> {
      seen.set(0, ClusterProbe.owners(store()));
      return condition.test(seen.get(0));
    });
    return seen.get(0);
  }

  private void append(int events) {
    List<Deposited> deposits = new ArrayList<>();
    for (int i = 0; i < events; i++) {
      deposits.add(new Deposited("a", 1));
    }
    store().events().append("acc", ExpectedVersion.any(), AppendOptions.NONE, deposits);
  }

  private void awaitApplied(int events) throws InterruptedException {
    Http.await(events + " events applied to each projection", Duration.ofSeconds(120),
        () -> NodeLedger.rows(store()).size() == PROJECTIONS * events);
  }

  private void assertNothingTwice() {
    assertThat(NodeLedger.rows(store())).extracting(NodeLedger.Applied::times).containsOnly(1);
  }
}
