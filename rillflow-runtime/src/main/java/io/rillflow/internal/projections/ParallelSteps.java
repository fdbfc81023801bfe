package io.rillflow.internal.projections;

import io.rillflow.RillflowException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one step of each projection at once on a bounded pool of daemon threads and waits for all of
 * them: a round. With a parallelism of 1, or one step, the steps run on the calling thread, one after
 * another, and no pool is made. The pool's threads end after a while without work, so a daemon that
 * is stopped holds none; {@link #close()} ends them at once.
 */
final class ParallelSteps implements AutoCloseable {
  private static final long IDLE_SECONDS = 30;

  private final int parallelism;
  private final String threadName;
  private ThreadPoolExecutor pool;

  ParallelSteps(int parallelism, String threadName) {
    this.parallelism = parallelism;
    this.threadName = threadName;
  }

  /**
   * Runs every step and returns their results in order once all have ended. When steps threw, the
   * first one's exception is thrown, after the others ended.
   */
  <T> List<T> run(List<Callable<T>> steps) {
    List<T> results = new ArrayList<>(steps.size());
    if (parallelism == 1 || steps.size() <= 1) {
      for (Callable<T> step : steps) {
        results.add(call(step));
      }
      return results;
    }
    List<Future<T>> futures;
    try {
      futures = pool().invokeAll(steps);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RillflowException("Interrupted while projections were applying batches", e);
    }
    RuntimeException first = null;
    for (Future<T> future : futures) {
      try {
        results.add(future.get());
      } catch (ExecutionException e) {
        results.add(null);
        if (first == null) {
          first = e.getCause() instanceof RuntimeException runtime ? runtime
              : new RillflowException("A projection step failed: " + e.getCause(), e.getCause());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RillflowException("Interrupted while projections were applying batches", e);
      }
    }
    if (first != null) {
      throw first;
    }
    return results;
  }

  private static <T> T call(Callable<T> step) {
    try {
      return step.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new RillflowException("A projection step failed: " + e, e);
    }
  }

  private synchronized ThreadPoolExecutor pool() {
    if (pool == null || pool.isShutdown()) {
      AtomicInteger count = new AtomicInteger();
      pool = new ThreadPoolExecutor(parallelism, parallelism, IDLE_SECONDS, TimeUnit.SECONDS,
          new LinkedBlockingQueue<>(), work -> {
            Thread thread = new Thread(work, threadName + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
          });
      pool.allowCoreThreadTimeOut(true);
    }
    return pool;
  }

  @Override
  public synchronized void close() {
    if (pool != null) {
      pool.shutdown();
      pool = null;
    }
  }
}
