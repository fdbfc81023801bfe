package io.rillflow.tests.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.DocumentSession;
import io.rillflow.events.AppendOptions;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.subscriptions.AckMode;
import io.rillflow.subscriptions.Delivery;
import io.rillflow.subscriptions.GroupStatus;
import io.rillflow.subscriptions.PartitionStatus;
import io.rillflow.subscriptions.PullSubscription;
import io.rillflow.subscriptions.SubscriptionFilter;
import io.rillflow.subscriptions.SubscriptionHandle;
import io.rillflow.subscriptions.SubscriptionHandler;
import io.rillflow.subscriptions.SubscriptionOptions;
import io.rillflow.test.ChildJvm;
import io.rillflow.test.RillflowTestBase;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Members in JVMs of their own, killed ({@code SIGKILL}) or frozen ({@code SIGSTOP}) with real
 * signals, beside members in this JVM: nothing is lost, each stream's order holds, a killed member's
 * partitions move within its lease, a frozen one can never move a checkpoint when it wakes, and a
 * transactional acknowledgement keeps effects exactly once across a crash before its commit.
 */
class MemberCrashTest extends RillflowTestBase {
  private static final String GROUP = "workers-a";
  private static final Duration LEASE = Duration.ofSeconds(2);
  private static final SubscriptionOptions LOCAL = SubscriptionOptions.defaults().group(GROUP)
      .pollInterval(Duration.ofMillis(50)).leaseDuration(LEASE).batchSize(20);

  @BeforeEach
  void tables() {
    Effects.create(store());
  }

  private ChildJvm child(String subscription, String member, String mode, int slowMillis, int hangAt)
      throws Exception {
    return ChildJvm.start(SubscriberMain.class, store(), subscription, GROUP, member, mode,
        Long.toString(LEASE.toMillis()), Integer.toString(slowMillis), Integer.toString(hangAt));
  }

  @Test
  void threeMembersOneKilledAndRejoiningHandleEveryEventInStreamOrderAndOnlyTheKilledOnesInFlightTwice()
      throws Exception {
    store().subscriptions().create("orders", SubscriptionFilter.allEvents(), 16);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    List<SubscriptionHandle> locals = List.of(
        store().subscriptions().subscribe("orders", LOCAL.memberId("local-1"), Effects.recording(store(), "local-1")),
        store().subscriptions().subscribe("orders", LOCAL.memberId("local-2"),
            Effects.recording(store(), "local-2")));
    try {
      int total;
      try (ChildJvm killed = child("orders", "child-1", "auto", 5, 0)) {
        Await.until("three members share the partitions", Duration.ofSeconds(60), () -> shares().size() == 3);
        Future<Integer> writing = pool.submit(() -> OutOfOrderWriter.write(store(), 3, 24, 25));
        Await.until("the child handled some", Duration.ofSeconds(60),
            () -> killed.lines().stream().filter(l -> l.startsWith("handled")).count() >= 30);
        killed.close(); // SIGKILL
        long killedAt = System.nanoTime();
        Await.until("the two left hold all 16", Duration.ofSeconds(30),
            () -> shares().stream().mapToInt(Integer::intValue).sum() == 16 && shares().size() == 2);
        System.out.println("rebalance after SIGKILL: " + (System.nanoTime() - killedAt) / 1_000_000 + " ms (lease "
            + LEASE.toMillis() + " ms)");
        total = writing.get();
      }
      try (ChildJvm rejoined = child("orders", "child-2", "auto", 5, 0)) {
        long joinedAt = System.nanoTime();
        Await.until("the rejoined member takes its share", Duration.ofSeconds(60),
            () -> shares().equals(List.of(4, 6, 6)));
        System.out.println("rebalance after a member joined: " + (System.nanoTime() - joinedAt) / 1_000_000
            + " ms (JVM start included)");
        int all = total + OutOfOrderWriter.write(store(), 3, 24, 10);
        Await.until("every event handled", Duration.ofSeconds(120),
            () -> Effects.timesByPosition(store()).size() == all);
      }
      Map<Long, Long> times = Effects.timesByPosition(store());
      assertThat(Effects.streamsInOrder(store())).isTrue();
      List<Long> twice = times.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
      System.out.println("handled twice after the SIGKILL: " + twice.size());
      assertThat(times.values()).as("never three times").allMatch(n -> n <= 2);
      assertThat(twice.size()).as("at most the killed member's batch").isLessThanOrEqualTo(20);
      for (Long position : twice) {
        Effects.query(store(), "SELECT member FROM " + Effects.table(store()) + " WHERE position = " + position
            + " ORDER BY id LIMIT 1", row -> assertThat(row.getString(1)).isEqualTo("child-1"));
      }
    } finally {
      locals.forEach(SubscriptionHandle::close);
      pool.shutdownNow();
    }
  }

  @Test
  void aMemberFrozenPastItsLeaseCannotMoveACheckpointWhenItWakes() throws Exception {
    store().subscriptions().create("orders", SubscriptionFilter.allEvents(), 16);
    List<Object> pings = new ArrayList<>();
    for (int n = 1; n <= 300; n++) {
      pings.add(new Ping("s", n));
    }
    store().events().append("s", ExpectedVersion.noStream(), AppendOptions.NONE, pings);
    try (ChildJvm frozen = child("orders", "frozen", "auto", 30, 0)) {
      Await.until("the child handled some", Duration.ofSeconds(60),
          () -> frozen.lines().stream().filter(l -> l.startsWith("handled")).count() >= 25);
      frozen.stop(); // SIGSTOP, inside a batch
      long stoppedAt = System.nanoTime();
      try (PullSubscription survivor = store().subscriptions().pull("orders", LOCAL.memberId("survivor")
          .ackMode(AckMode.MANUAL).leaseDuration(Duration.ofSeconds(30)).visibilityTimeout(Duration.ofMinutes(5)))) {
        List<Delivery> taken = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (ownedBy("survivor") < 16 && System.nanoTime() < deadline) {
          taken.addAll(survivor.poll(5, Duration.ofMillis(100)));
        }
        System.out.println("takeover from a frozen member: " + (System.nanoTime() - stoppedAt) / 1_000_000
            + " ms (lease " + LEASE.toMillis() + " ms)");
        assertThat(ownedBy("survivor")).isEqualTo(16);
        List<PartitionStatus> before = store().subscriptions().groupStatus("orders", GROUP).partitions();

        frozen.resume(); // SIGCONT: it finishes its batch and tries to write its checkpoint
        Await.until("the woken member found it lost its partitions", Duration.ofSeconds(30),
            () -> frozen.printed("lost") || frozen.printed("no longer holds"));
        Thread.sleep(LEASE.toMillis()); // a whole lease more for it to try anything else
        List<PartitionStatus> after = store().subscriptions().groupStatus("orders", GROUP).partitions();
        assertThat(after).extracting(PartitionStatus::checkpoint)
            .as("no checkpoint moved").containsExactlyElementsOf(before.stream().map(PartitionStatus::checkpoint).toList());
        assertThat(after).extracting(PartitionStatus::owner).containsOnly("survivor");

        // The survivor goes on from the checkpoint: at least once, nothing lost.
        taken.forEach(survivor::ack);
        long drained = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (store().subscriptions().groupStatus("orders", GROUP).lag() > 0 && System.nanoTime() < drained) {
          survivor.poll(100, Duration.ofMillis(100)).forEach(survivor::ack);
        }
        assertThat(store().subscriptions().groupStatus("orders", GROUP).lag()).isZero();
      }
    }
  }

  @Test
  void aTransactionalMemberKilledBetweenItsWritesAndItsCommitLeavesEachEffectExactlyOnce() throws Exception {
    store().subscriptions().create("payments", SubscriptionFilter.allEvents(), 16);
    int total = OutOfOrderWriter.write(store(), 2, 8, 12);
    SubscriptionHandler exactlyOnce = (delivery, handle) -> {
      Ping ping = (Ping) delivery.event().data();
      try (Connection connection = store().dataSource().getConnection()) {
        connection.setAutoCommit(false);
        try (DocumentSession session = store().openSession(connection)) {
          Effects.record(connection, store().schemaName(), delivery.position(), ping.key(), ping.n(), "survivor");
          handle.ack(delivery, session);
        }
        connection.commit();
      }
    };
    try (ChildJvm crashing = child("payments", "crashing", "tx", 5, 7)) {
      Await.until("the child hangs between its writes and its commit", Duration.ofSeconds(60),
          () -> crashing.printed("hanging"));
      crashing.close(); // SIGKILL: the server rolls its transaction back
    }
    try (SubscriptionHandle survivor = store().subscriptions().subscribe("payments",
        LOCAL.memberId("survivor").ackMode(AckMode.MANUAL), exactlyOnce)) {
      Await.until("every effect", Duration.ofSeconds(60), () -> Effects.timesByPosition(store()).size() == total);
      Await.until("checkpoints at the head", Duration.ofSeconds(30),
          () -> store().subscriptions().groupStatus("payments", GROUP).lag() == 0);
    }
    assertThat(Effects.timesByPosition(store()).values()).as("each effect exactly once").containsOnly(1L);
    assertThat(Effects.streamsInOrder(store())).isTrue();
  }

  private long ownedBy(String member) {
    return status().partitions().stream().filter(p -> member.equals(p.owner())).count();
  }

  private List<Integer> shares() {
    GroupStatus status = store().subscriptions().groupStatus(status().subscription(), GROUP);
    return status.members().stream().map(m -> m.partitions().size()).filter(n -> n > 0).sorted().toList();
  }

  private GroupStatus status() {
    String name = store().subscriptions().list().get(0).name();
    return store().subscriptions().groupStatus(name, GROUP);
  }
}
