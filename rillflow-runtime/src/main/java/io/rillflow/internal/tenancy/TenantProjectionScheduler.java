package io.rillflow.internal.tenancy;

import io.rillflow.DocumentStore;
import io.rillflow.RillflowException;
import io.rillflow.internal.projections.TenantShards;
import io.rillflow.tenancy.TenantDaemon;
import io.rillflow.tenancy.UnknownTenantException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tenants' projection daemon: {@code budget} worker threads share one queue of tenants ordered by
 * when each is next due. A worker takes the tenant due first and runs one step of each of its async
 * projections ({@code runOnce} of the tenant store's own daemon: take or renew the lease, apply at most
 * one batch); a tenant that found work is due again at once (behind those already due), an idle one
 * after the poll interval. A tenant is in the queue at most once, so it is never stepped by two
 * workers, and no worker holds more than one connection at a time: the workers are the connection
 * budget. A refresh entry in the same queue re-reads the tenant list each poll interval.
 *
 * <p>In a cluster only the (projection, tenant) pairs {@link TenantShards} gives this node are stepped,
 * and a pair it holds but no longer runs is released at the tenant's next step. When the live set
 * changes every waiting tenant is made due at once (taken out of the queue and put back, never added
 * twice), so a pair moves as soon as the cluster has seen its node come or go, not a poll interval later.
 *
 * <p>Hazard: a tenant store's daemon must not also be started on its own in this process, or the
 * tenant's batches run outside the budget (leases keep it correct, not cheap).
 */
final class TenantProjectionScheduler implements TenantDaemon {
  private static final Logger LOG = LoggerFactory.getLogger(TenantProjectionScheduler.class);
  /** How long an idle worker waits on the queue before it checks whether to stop. */
  private static final long WAIT_MILLIS = 200;

  private final Supplier<List<String>> tenantIds;
  private final Function<String, DocumentStore> tenants;
  private final int budget;
  private final long pollNanos;
  private final TenantShards shards;
  private final Runnable membersChanged = this::dueNow;
  private final Set<String> known = ConcurrentHashMap.newKeySet();
  private final DelayQueue<Due> queue = new DelayQueue<>();
  private final List<Thread> workers = new ArrayList<>();
  private volatile boolean running;

  /** A tenant (or, with a {@code null} id, the refresh of the tenant list) and when it is next due. */
  private record Due(String tenantId, long at) implements Delayed {
    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(at - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed other) {
      return Long.compare(at, ((Due) other).at);
    }
  }

  TenantProjectionScheduler(Supplier<List<String>> tenantIds, Function<String, DocumentStore> tenants, int budget,
      Duration pollInterval, TenantShards shards) {
    this.tenantIds = tenantIds;
    this.shards = shards;
    this.tenants = tenants;
    this.budget = budget;
    this.pollNanos = pollInterval.toNanos();
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    queue.clear();
    known.clear();
    queue.add(new Due(null, System.nanoTime()));
    for (int i = 0; i < budget; i++) {
      Thread worker = new Thread(this::work, "rillflow-tenant-projections-" + i);
      worker.setDaemon(true);
      workers.add(worker);
      worker.start();
    }
    shards.join(membersChanged);
    LOG.info("Tenant projection daemon started: {} worker(s), the connection budget", budget);
  }

  private void work() {
    while (running) {
      Due due;
      try {
        due = queue.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (due == null) {
        continue;
      }
      if (due.tenantId() == null) {
        refresh();
        continue;
      }
      boolean progressed = false;
      try {
        progressed = !shards.step(tenants.apply(due.tenantId()).projections(), due.tenantId()).isEmpty();
      } catch (UnknownTenantException e) {
        known.remove(due.tenantId());
        continue;
      } catch (RuntimeException e) {
        LOG.error("Tenant {}: projection step failed, retrying after the poll interval", due.tenantId(), e);
      }
      queue.add(new Due(due.tenantId(), progressed ? System.nanoTime() : System.nanoTime() + pollNanos));
    }
  }

  /** Every tenant waiting in the queue is due now; one a worker holds is stepped anyway. */
  private void dueNow() {
    long now = System.nanoTime();
    for (Due due : queue) {
      // Only a tenant this thread took out goes back: one a worker took meanwhile, the worker puts back.
      if (due.tenantId() != null && due.at() - now > 0 && queue.remove(due)) {
        queue.add(new Due(due.tenantId(), now));
      }
    }
  }

  private void refresh() {
    try {
      for (String tenantId : tenantIds.get()) {
        if (known.add(tenantId)) {
          queue.add(new Due(tenantId, System.nanoTime()));
        }
      }
    } catch (RuntimeException e) {
      LOG.error("Cannot list the tenants; trying again after the poll interval", e);
    } finally {
      queue.add(new Due(null, System.nanoTime() + pollNanos));
    }
  }

  @Override
  public void stop() {
    List<Thread> stopping;
    synchronized (this) {
      if (!running) {
        return;
      }
      running = false;
      stopping = new ArrayList<>(workers);
      workers.clear();
    }
    for (Thread worker : stopping) {
      try {
        worker.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    for (String tenantId : known) {
      try {
        // Not started on its own, a tenant store's daemon just gives its leases back.
        tenants.apply(tenantId).projections().daemon().stop();
      } catch (RuntimeException e) {
        LOG.debug("Tenant {}: could not release its projection leases", tenantId, e);
      }
    }
    // After the releases: the nodes that run this node's pairs next find them free.
    shards.leave(membersChanged);
    LOG.info("Tenant projection daemon stopped");
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public long runUntilIdle() {
    ExecutorService pool = Executors.newFixedThreadPool(budget, runnable -> {
      Thread thread = new Thread(runnable, "rillflow-tenant-catch-up");
      thread.setDaemon(true);
      return thread;
    });
    try {
      List<Future<Long>> caughtUp = new ArrayList<>();
      for (String tenantId : tenantIds.get()) {
        caughtUp.add(pool.submit(() -> tenants.apply(tenantId).projections().daemon().runUntilIdle()));
      }
      long applied = 0;
      for (Future<Long> tenant : caughtUp) {
        applied += tenant.get();
      }
      return applied;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RillflowException("Interrupted catching the tenants' projections up", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException runtime ? runtime
          : new RillflowException("Catching the tenants' projections up failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  @Override
  public void close() {
    stop();
  }
}
