package io.rillflow.tests.groupappend;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/** Samples a count of threads every few milliseconds while a test runs, keeping the highest. */
final class ThreadCount {
  private final AtomicInteger most = new AtomicInteger();
  private final AtomicBoolean watching = new AtomicBoolean(true);
  private final Thread sampler;

  private ThreadCount(IntSupplier count) {
    sampler = new Thread(() -> {
      while (watching.get()) {
        most.accumulateAndGet(count.getAsInt(), Math::max);
        try {
          Thread.sleep(2);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "thread-count-sampler");
    sampler.setDaemon(true);
  }

  static ThreadCount watch(IntSupplier count) {
    ThreadCount watch = new ThreadCount(count);
    watch.sampler.start();
    return watch;
  }

  /** Stops sampling; the highest count seen. */
  int stop() throws InterruptedException {
    watching.set(false);
    sampler.join();
    return most.get();
  }
}
