package io.rillflow.internal.projections;

/**
 * What the daemon's worker sleeps on between passes: rung by a commit's notification or the cluster,
 * closed when the daemon stops (a closed doorbell never blocks). A ring while the worker is busy is kept
 * until its next wait, so no notification is lost between a pass and the sleep after it.
 */
final class Doorbell {
  private boolean rung;
  private boolean closed;

  synchronized void ring() {
    rung = true;
    notifyAll();
  }

  /** Opens it again for a daemon that starts (again). */
  synchronized void open() {
    closed = false;
  }

  /** Wakes the waiter for good: the daemon is stopping. */
  synchronized void close() {
    closed = true;
    notifyAll();
  }

  /** Waits until rung, closed or {@code millis} pass; whether it was rung (the ring is then used up). */
  synchronized boolean await(long millis) {
    long deadline = System.currentTimeMillis() + millis;
    while (!rung && !closed) {
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        break;
      }
      try {
        wait(left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    boolean wasRung = rung;
    rung = false;
    return wasRung;
  }
}
