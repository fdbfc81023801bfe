package io.rillflow.tests.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.DocumentSession;
import io.rillflow.subscriptions.AckMode;
import io.rillflow.subscriptions.GroupStatus;
import io.rillflow.subscriptions.SubscriptionFilter;
import io.rillflow.subscriptions.SubscriptionHandle;
import io.rillflow.subscriptions.SubscriptionHandler;
import io.rillflow.subscriptions.SubscriptionOptions;
import io.rillflow.test.RillflowTestBase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Members of a group share its partitions fairly, keep each stream's order, and hand partitions over. */
class ConsumerGroupTest extends RillflowTestBase {
  static final String GROUP = "workers-a";
  private static final Duration LEASE = Duration.ofSeconds(2);
  private static final SubscriptionOptions MEMBER = SubscriptionOptions.defaults().group(GROUP)
      .pollInterval(Duration.ofMillis(50)).leaseDuration(LEASE).batchSize(20);

  @BeforeEach
  void tables() {
    Effects.create(store());
  }

  @Test
  void threeMembersRacingAtStartShareSixteenPartitionsAndHandleEveryEventOnceInStreamOrder() throws Exception {
    store().subscriptions().create("orders", SubscriptionFilter.allEvents(), 16);
    List<SubscriptionHandle> members = new ArrayList<>();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<SubscriptionHandle>> joining = new ArrayList<>();
      for (int m = 1; m <= 3; m++) {
        String id = "member-" + m;
        joining.add(pool.submit(() -> {
          start.await();
          return store().subscriptions().subscribe("orders", MEMBER.memberId(id), Effects.recording(store(), id));
        }));
      }
      start.countDown();
      for (Future<SubscriptionHandle> member : joining) {
        members.add(member.get());
      }
      int total = OutOfOrderWriter.write(store(), 3, 20, 30);
      Await.until("every event handled", Duration.ofSeconds(90), () -> Effects.timesByPosition(store()).size() == total);
      Await.until("the fair share: 6, 6 and 4", Duration.ofSeconds(30), () -> shares().equals(List.of(4, 6, 6)));
      Await.until("checkpoints at the head", Duration.ofSeconds(30),
          () -> store().subscriptions().groupStatus("orders", GROUP).lag() == 0);
      Map<Long, Long> times = Effects.timesByPosition(store());
      assertThat(times.values()).as("AUTO, nobody killed: each once").containsOnly(1L);
      assertThat(Effects.streamsInOrder(store())).isTrue();
    } finally {
      members.forEach(SubscriptionHandle::close);
      pool.shutdownNow();
    }
  }

  @Test
  void aMemberThatLeavesHasItsPartitionsTakenWithinARenewalAndNothingIsLost() throws Exception {
    store().subscriptions().create("orders", SubscriptionFilter.allEvents(), 16);
    SubscriptionHandle first = store().subscriptions().subscribe("orders", MEMBER.memberId("first"),
        Effects.recording(store(), "first"));
    SubscriptionHandle second = store().subscriptions().subscribe("orders", MEMBER.memberId("second"),
        Effects.recording(store(), "second"));
    try {
      Await.until("8 and 8", Duration.ofSeconds(30), () -> shares().equals(List.of(8, 8)));
      int half = OutOfOrderWriter.write(store(), 3, 10, 10);
      long leftAt = System.nanoTime();
      second.close();
      Await.until("the first holds all 16", Duration.ofSeconds(30), () -> shares().equals(List.of(16)));
      long rebalanceMillis = (System.nanoTime() - leftAt) / 1_000_000;
      System.out.println("rebalance after a member left: " + rebalanceMillis + " ms (lease " + LEASE.toMillis() + " ms)");
      assertThat(rebalanceMillis).as("within a lease").isLessThan(LEASE.toMillis() * 3);
      int total = half + OutOfOrderWriter.write(store(), 3, 10, 10);
      Await.until("every event handled", Duration.ofSeconds(90), () -> Effects.timesByPosition(store()).size() == total);
      assertThat(Effects.timesByPosition(store()).values()).containsOnly(1L);
      assertThat(Effects.streamsInOrder(store())).isTrue();
    } finally {
      first.close();
      second.close();
    }
  }

  @Test
  void aKilledConnectionMidDeliveryLosesNothingAndTransactionalEffectsStayExactlyOnce() throws Exception {
    store().subscriptions().create("payments", SubscriptionFilter.allEvents(), 4);
    SubscriptionHandler exactlyOnce = (delivery, handle) -> {
      Ping ping = (Ping) delivery.event().data();
      try (Connection connection = store().dataSource().getConnection()) {
        connection.setAutoCommit(false);
        try (DocumentSession session = store().openSession(connection)) {
          Effects.record(connection, store().schemaName(), delivery.position(), ping.key(), ping.n(), "m");
          handle.ack(delivery, session);
        }
        Thread.sleep(5); // slow enough that the killer lands mid-delivery
        connection.commit();
      }
    };
    try (SubscriptionHandle member = store().subscriptions().subscribe("payments",
        MEMBER.ackMode(AckMode.MANUAL).visibilityTimeout(Duration.ofSeconds(1)).maxAttempts(50), exactlyOnce)) {
      java.util.concurrent.atomic.AtomicInteger killed = new java.util.concurrent.atomic.AtomicInteger();
      java.util.concurrent.atomic.AtomicBoolean killing = new java.util.concurrent.atomic.AtomicBoolean(true);
      Thread killer = new Thread(() -> {
        while (killing.get()) {
          try {
            Thread.sleep(150);
            killed.addAndGet(terminateStoreConnections());
          } catch (SQLException | InterruptedException e) {
            return;
          }
        }
      });
      int total = OutOfOrderWriter.write(store(), 3, 10, 40);
      killer.start();
      try {
        Await.until("a few backends killed", Duration.ofSeconds(30), () -> killed.get() >= 3);
      } finally {
        killing.set(false);
        killer.join();
      }
      System.out.println("terminated " + killed + " backends of the store mid-delivery");
      Await.until("every event handled", Duration.ofSeconds(90), () -> Effects.timesByPosition(store()).size() == total);
      assertThat(Effects.timesByPosition(store()).values()).containsOnly(1L);
      assertThat(Effects.streamsInOrder(store())).isTrue();
    }
  }

  /** Ends this store's other backends (found by the schema in their last statement), as an admin would. */
  private int terminateStoreConnections() throws SQLException {
    try (Connection connection = store().dataSource().getConnection();
        PreparedStatement statement = connection.prepareStatement("SELECT count(pg_terminate_backend(pid))"
            + " FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND datname = current_database()"
            + " AND query LIKE ?")) {
      statement.setString(1, "%\"" + store().schemaName() + "\".%");
      try (var row = statement.executeQuery()) {
        row.next();
        return row.getInt(1);
      }
    }
  }

  /** The number of partitions each live member holds, ascending. */
  private List<Integer> shares() {
    GroupStatus status = store().subscriptions().groupStatus("orders", GROUP);
    return status.members().stream().map(m -> m.partitions().size()).sorted().toList();
  }
}
