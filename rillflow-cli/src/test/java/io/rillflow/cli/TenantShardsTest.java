package io.rillflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.DocumentStore;
import io.rillflow.DocumentStoreBuilder;
import io.rillflow.cli.app.Deposited;
import io.rillflow.events.AppendOptions;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.internal.projections.TenantShards;
import io.rillflow.projections.ProjectionLifecycle;
import io.rillflow.projections.ProjectionStatus;
import io.rillflow.tenancy.Tenancy;
import io.rillflow.test.TestDatabase;
import io.rillflow.test.TestSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Per-tenant shards in a distributed cluster of real JVMs ({@link TenantNodeMain}): the
 * (projection, tenant) pairs of a store with tenants (schema per tenant here, conjoined in
 * {@link ConjoinedTenantShardsTest}) spread over the live nodes' tenants' daemons; the pairs of a SIGKILLed node and then of a SIGSTOPped one move to the survivors within the
 * lease bound; the frozen node, continued, commits nothing it lost; no event is committed twice for a
 * pair ({@link NodeLedger}: one table per tenant schema, or one for all conjoined tenants) and none is missed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantShardsTest {
  /** The tenancy under test, as {@link TenantNodeMain} names it. */
  String tenancyName() {
    return "schema";
  }

  private Tenancy tenancy() {
    return tenancyName().equals("conjoined") ? Tenancy.conjoined() : Tenancy.schemaPerTenant();
  }

  private static final long LEASE = 3_000;
  private static final int PROJECTIONS = 3;
  private static final List<String> TENANTS = List.of("t0", "t1", "t2", "t3");
  private TestSchema schema;
  private DocumentStore store;

  @BeforeAll
  void start() {
    schema = TestSchema.create(TestDatabase.shared(), getClass());
    DocumentStoreBuilder builder = schema.storeBuilder().readModels(false).tenancy(tenancy());
    for (int i = 0; i < PROJECTIONS; i++) {
      // Registered here to read the pairs' status; this store's daemon never runs.
      builder.projection("ledger-" + i, ProjectionLifecycle.ASYNC, new NodeLedger("observer", 0));
    }
    store = builder.build();
    for (String tenant : TENANTS) {
      store.tenants().ensure(tenant);
      NodeLedger.createTable(store.forTenant(tenant));
    }
  }

  @AfterAll
  void stop() {
    schema.dropWithTenants(store);
  }

  private NodeProcess node(String id) throws Exception {
    return NodeProcess.start(id, 0, TenantNodeMain.class, List.of(store.schemaName(), "shards", id,
        Long.toString(LEASE), Integer.toString(PROJECTIONS), "2", "2", tenancyName()));
  }

  @Test
  void pairsSpreadAndMoveOffAKilledAndAFrozenNodeWithinTheLeaseWithNothingCommittedTwice() throws Exception {
    try (NodeProcess n1 = node("n1"); NodeProcess n2 = node("n2"); NodeProcess n3 = node("n3")) {
      List<NodeProcess> nodes = List.of(n1, n2, n3);
      for (NodeProcess node : nodes) {
        node.awaitLine("tenant daemon started", Duration.ofSeconds(120));
      }
      append(50);
      // Every pair on its rendezvous owner: with leases alone any node could hold any pair.
      Map<String, String> spread = awaitOwners(o -> o.equals(rendezvous(List.of("n1", "n2", "n3"))));
      assertThat(new HashSet<>(spread.values())).hasSize(3);
      System.out.println("tenant shards: " + spread);
      awaitApplied(50);

      String victim = moveOffTheMostLoaded(nodes, spread, "SIGKILLed", NodeProcess::kill);
      List<String> survivors = new ArrayList<>(List.of("n1", "n2", "n3"));
      survivors.remove(victim);
      awaitOwners(o -> o.equals(rendezvous(survivors)));
      awaitApplied(200);
      assertNothingTwice();

      NodeProcess frozen = byId(nodes, moveOffTheMostLoaded(nodes, owners(), "SIGSTOPped", NodeProcess::freeze));
      awaitApplied(350);
      frozen.thaw();
      append(50);
      awaitApplied(400);
      // Woken, the frozen node finds its leases taken: its batch in flight commits nothing.
      Thread.sleep(LEASE);
      assertNothingTwice();
      awaitApplied(400);
    }
  }

  /** What the test does to a node: kill or freeze it. */
  private interface Signal {
    void send(NodeProcess node) throws Exception;
  }

  /**
   * Appends, signals the node holding most pairs in {@code owners}, and waits until its pairs are held
   * by others, within the lease bound; its id.
   */
  private String moveOffTheMostLoaded(List<NodeProcess> nodes, Map<String, String> owners, String what, Signal signal)
      throws Exception {
    String id = mostLoaded(owners);
    append(150);
    long signalled = System.nanoTime();
    signal.send(byId(nodes, id));
    long millis = awaitMovedOff(id, owners, signalled);
    System.out.println("tenant shards: the pairs of " + what + " " + id + " moved in " + millis + " ms");
    assertThat(millis).isLessThanOrEqualTo(2 * LEASE + 1_500);
    return id;
  }

  /** The owner of each pair that a distributed cluster of {@code live} computes. */
  private static Map<String, String> rendezvous(List<String> live) {
    Map<String, String> owners = new TreeMap<>();
    for (String tenant : TENANTS) {
      for (int i = 0; i < PROJECTIONS; i++) {
        owners.put("ledger-" + i + "@" + tenant, TenantShards.owner("ledger-" + i, tenant, live));
      }
    }
    return owners;
  }

  private static NodeProcess byId(List<NodeProcess> nodes, String id) {
    return nodes.stream().filter(n -> n.id.equals(id)).findFirst().orElseThrow();
  }

  private static String mostLoaded(Map<String, String> owners) {
    return owners.values().stream().filter(o -> !o.isEmpty())
        .collect(Collectors.groupingBy(o -> o, Collectors.counting())).entrySet().stream()
        .max(Map.Entry.comparingByValue()).orElseThrow().getKey();
  }

  /** Waits until every pair {@code node} held in {@code owners} is held by another node; the ms since {@code since}. */
  private long awaitMovedOff(String node, Map<String, String> owners, long since) throws InterruptedException {
    Set<String> moved = owners.entrySet().stream().filter(e -> e.getValue().equals(node)).map(Map.Entry::getKey)
        .collect(Collectors.toSet());
    awaitOwners(o -> moved.stream().allMatch(p -> !o.get(p).isEmpty() && !o.get(p).equals(node)));
    return (System.nanoTime() - since) / 1_000_000;
  }

  /** The node holding the lease of each (projection, tenant) pair, {@code ""} for none. */
  private Map<String, String> owners() {
    Map<String, String> owners = new TreeMap<>();
    for (String tenant : TENANTS) {
      for (ProjectionStatus status : store.forTenant(tenant).projections().daemon().status()) {
        owners.put(status.name() + "@" + tenant, status.owner() == null ? "" : status.owner());
      }
    }
    return owners;
  }

  private Map<String, String> awaitOwners(Predicate<Map<String, String>> condition) throws InterruptedException {
    List<Map<String, String>> seen = new ArrayList<>(List.of(Map.of()));
    Http.await("the pairs' owners as wanted (last seen " + seen + ")", Duration.ofSeconds(60), () -> {
      seen.set(0, owners());
      return condition.test(seen.get(0));
    });
    return seen.get(0);
  }

  private void append(int events) {
    for (String tenant : TENANTS) {
      List<Deposited> deposits = new ArrayList<>();
      for (int i = 0; i < events; i++) {
        deposits.add(new Deposited("a", 1));
      }
      store.forTenant(tenant).events().append("acc", ExpectedVersion.any(), AppendOptions.NONE, deposits);
    }
  }

  private void awaitApplied(int events) throws InterruptedException {
    Http.await(events + " events applied to each pair", Duration.ofSeconds(120),
        () -> TENANTS.stream().allMatch(t -> ledger(t).size() == PROJECTIONS * events));
  }

  private void assertNothingTwice() {
    for (String tenant : TENANTS) {
      assertThat(ledger(tenant)).as(tenant).extracting(NodeLedger.Applied::times)
          .containsOnly(1);
    }
  }

  /** The tenant's rows of the ledger: its schema's table, or the shared one's rows of its events. */
  private List<NodeLedger.Applied> ledger(String tenant) {
    DocumentStore tenantStore = store.forTenant(tenant);
    return tenancyName().equals("conjoined")
        ? NodeLedger.rows(tenantStore, "position IN (SELECT seq_id FROM \"" + store.schemaName()
            + "\".rf_events WHERE tenant_id = '" + tenant + "')")
        : NodeLedger.rows(tenantStore, "true");
  }
}
