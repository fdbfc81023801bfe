package io.rillflow.rabbitmq;

import io.rillflow.DocumentStore;
import io.rillflow.forwarding.Forwarder;

/**
 * A forwarder in a JVM of its own for {@link RabbitMqForwarderTest}: arguments JDBC URL, schema,
 * subscription, exchange; prints {@code FORWARDING} once started and forwards until killed.
 */
public final class ForwarderMain {
  private ForwarderMain() {}

  public static void main(String[] args) throws Exception {
    DocumentStore store = DocumentStore.builder().url(args[0]).schema(args[1]).build();
    Forwarder forwarder = RabbitMqForwarderTest.forwarder(args[3], "rf-child-" + ProcessHandle.current().pid())
        .start(store, args[2]);
    System.out.println("FORWARDING");
    while (forwarder.isRunning()) {
      Thread.sleep(100);
    }
  }
}
