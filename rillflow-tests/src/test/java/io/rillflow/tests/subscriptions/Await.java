package io.rillflow.tests.subscriptions;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition until it holds or a bounded deadline passes. */
final class Await {
  private Await() {}

  static void until(String what, Duration patience, BooleanSupplier condition) {
    long deadline = System.nanoTime() + patience.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Not within " + patience + ": " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
  }
}
