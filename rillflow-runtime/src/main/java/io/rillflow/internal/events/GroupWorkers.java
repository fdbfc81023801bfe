package io.rillflow.internal.events;

import io.rillflow.events.GroupAppendOptions;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The threads that write group append's groups for a store and every tenant's store of it: lanes
 * ({@link GroupLane}) hold the queues, and a lane with appends waiting is handed here to have one
 * group written. Owned by the root store and closed with it.
 *
 * <p><b>Why a bound and not a thread per lane.</b> Each tenant's store has lanes of its own (a group's
 * statement is for one schema, database or conjoined tenant), so threads per lane would mean a
 * thousand threads for a thousand tenants, most of them idle. Here at most
 * {@link GroupAppendOptions#threads()} groups are written at once, whatever the number of tenants; a
 * lane that waits for a thread waits in a first-come queue, and a lane gives its thread back after each
 * group, so a busy tenant cannot hold a thread while another's appends wait.
 *
 * <p><b>Lifecycle.</b> No thread exists until the first grouped append. A thread is started when more
 * lanes wait than threads are idle (and the bound allows), and stops after {@link #KEEP_ALIVE_NANOS}
 * without work; the next append starts one again. {@link #close()} refuses new work, lets what was
 * handed over run (a closed lane fails its appends rather than write them) and waits for the threads.
 */
public final class GroupWorkers {
  /** Group append off: hands nothing out, starts nothing. */
  public static final GroupWorkers NONE = new GroupWorkers(GroupAppendOptions.OFF, "none");

  /** How long a thread without work lives on: a steady writer keeps its thread, a quiet store has none. */
  static final long KEEP_ALIVE_NANOS = TimeUnit.SECONDS.toNanos(5);
  /** How often an idle thread looks whether the store closed. */
  private static final long CLOSE_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private final GroupAppendOptions options;
  private final String name;
  private final int max;
  private final LinkedBlockingQueue<Runnable> ready = new LinkedBlockingQueue<>();
  /** Guards the counts and {@link #closed}; threads wait on it at close. */
  private final Object lock = new Object();
  private int live;
  private int idle;
  private int started;
  private volatile boolean closed;

  private GroupWorkers(GroupAppendOptions options, String name) {
    this.options = options;
    this.name = name;
    this.max = Math.max(options.threads(), options.lanes());
  }

  /**
   * The workers of a root store with these options, or {@link #NONE} when group append is off.
   *
   * @param schema the root store's schema, in the threads' names
   */
  public static GroupWorkers of(GroupAppendOptions options, String schema) {
    return options.isEnabled() ? new GroupWorkers(options, "rillflow-group-append-" + schema + "-") : NONE;
  }

  GroupAppendOptions options() {
    return options;
  }

  boolean enabled() {
    return options.isEnabled();
  }

  /** Whether the root store closed: every lane then fails what waits. */
  boolean closed() {
    return closed;
  }

  /**
   * Runs {@code lane} on a thread of this pool, starting one when every thread is busy and the bound
   * allows.
   *
   * @throws RejectedExecutionException once closed
   */
  void execute(Runnable lane) {
    synchronized (lock) {
      if (closed) {
        throw new RejectedExecutionException("group append's threads of " + name + "* are closed");
      }
      ready.add(lane);
      startIfShort();
    }
  }

  /**
   * Queues {@code lane} behind the lanes waiting, from the worker thread that just ran it: that thread
   * takes work again at once, so none is started (a store with one busy lane keeps one thread).
   *
   * @throws RejectedExecutionException once closed
   */
  void requeue(Runnable lane) {
    synchronized (lock) {
      if (closed) {
        throw new RejectedExecutionException("group append's threads of " + name + "* are closed");
      }
      ready.add(lane);
    }
  }

  /** Under the lock: a thread more when lanes wait that no idle thread will take. */
  private void startIfShort() {
    if (ready.size() > idle && live < max) {
      live++;
      Thread thread = new Thread(this::work, name + started++);
      thread.setDaemon(true);
      thread.start();
    }
  }

  private void work() {
    long idleSince = System.nanoTime();
    while (true) {
      Runnable lane;
      synchronized (lock) {
        idle++;
      }
      try {
        lane = ready.poll(CLOSE_CHECK_NANOS, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        lane = null;
      }
      synchronized (lock) {
        idle--;
        if (lane == null) {
          if (ready.isEmpty() && (closed || System.nanoTime() - idleSince >= KEEP_ALIVE_NANOS)) {
            live--;
            lock.notifyAll();
            return;
          }
          continue;
        }
        // This thread counted as idle while it took the lane: another lane may now wait for nobody.
        startIfShort();
      }
      try {
        lane.run();
      } catch (RuntimeException | Error e) {
        // A lane completes its callers itself; a bug of ours must not cost the pool a thread it still counts.
        Thread.currentThread().getUncaughtExceptionHandler().uncaughtException(Thread.currentThread(), e);
      }
      idleSince = System.nanoTime();
    }
  }

  /** Refuses new work and waits (at most 60 s) for the threads to finish what they were handed. */
  public void close() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    synchronized (lock) {
      closed = true;
      try {
        while (live > 0) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            return;
          }
          TimeUnit.NANOSECONDS.timedWait(lock, left);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
