package io.rillflow.tests.subscriptions;

import io.rillflow.AutoCreate;
import io.rillflow.DocumentSession;
import io.rillflow.DocumentStore;
import io.rillflow.DocumentStoreBuilder;
import io.rillflow.tenancy.Tenancy;
import io.rillflow.subscriptions.AckMode;
import io.rillflow.subscriptions.SubscriptionHandler;
import io.rillflow.subscriptions.SubscriptionOptions;
import java.sql.Connection;
import java.time.Duration;

/**
 * A group member in a JVM of its own, for the tests to kill ({@code SIGKILL}) or freeze
 * ({@code SIGSTOP}). Arguments: JDBC URL, schema, subscription, group, member id, mode ({@code auto}:
 * the handler records each handling in its own statement; {@code tx}: records it and acknowledges in
 * one transaction), lease in milliseconds, milliseconds spent per event, and the ping number at which a
 * {@code tx} handler hangs between its writes and its commit (0: never), and optionally a tenant of a
 * {@code Tenancy.conjoined()} store whose member it is. Prints "handled &lt;position&gt;"
 * and "hanging &lt;position&gt;". Exits by itself after two minutes.
 */
public final class SubscriberMain {
  private SubscriberMain() {}

  public static void main(String[] args) throws Exception {
    String subscription = args[2];
    String member = args[4];
    boolean transactional = args[5].equals("tx");
    long slowMillis = Long.parseLong(args[7]);
    int hangAt = Integer.parseInt(args[8]);
    DocumentStoreBuilder builder = DocumentStore.builder().url(args[0]).schema(args[1]).autoCreate(AutoCreate.NONE)
        .readModels(false);
    String tenant = args.length > 9 ? args[9] : null;
    try (DocumentStore root = (tenant == null ? builder : builder.tenancy(Tenancy.conjoined())).build()) {
      DocumentStore store = tenant == null ? root : root.forTenant(tenant);
      String schema = store.schemaName();
      SubscriptionHandler handler = (delivery, handle) -> {
        Ping ping = (Ping) delivery.event().data();
        try (Connection connection = store.dataSource().getConnection()) {
          if (transactional) {
            connection.setAutoCommit(false);
            try (DocumentSession session = store.openSession(connection)) {
              Effects.record(connection, schema, delivery.position(), ping.key(), ping.n(), member);
              handle.ack(delivery, session);
            }
            if (ping.n() == hangAt) {
              System.out.println("hanging " + delivery.position());
              Thread.sleep(120_000);
            }
            connection.commit();
          } else {
            Effects.record(connection, schema, delivery.position(), ping.key(), ping.n(), member);
          }
        }
        System.out.println("handled " + delivery.position());
        Thread.sleep(slowMillis);
      };
      store.subscriptions().subscribe(subscription, SubscriptionOptions.defaults().group(args[3]).memberId(member)
          .ackMode(transactional ? AckMode.MANUAL : AckMode.AUTO).pollInterval(Duration.ofMillis(50))
          .leaseDuration(Duration.ofMillis(Long.parseLong(args[6]))).batchSize(20), handler);
      System.out.println("started");
      Thread.sleep(120_000);
    }
  }
}
