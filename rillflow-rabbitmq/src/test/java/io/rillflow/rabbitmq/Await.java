package io.rillflow.rabbitmq;

import java.time.Duration;

/** Polls a condition until it holds or a deadline passes. */
final class Await {
  private Await() {}

  /** A condition that may fail outright, ending the wait with its own exception. */
  @FunctionalInterface
  interface Condition {
    boolean holds() throws Exception;
  }

  static void until(String what, Duration timeout, Condition condition) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.holds()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Timed out after " + timeout + " waiting for: " + what);
      }
      Thread.sleep(20);
    }
  }
}
