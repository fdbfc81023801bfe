package io.rillflow.internal.tenancy;

import io.rillflow.RillflowException;
import io.rillflow.tenancy.TenantDaemon;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tenants' projection daemon of a database-per-tenant store: each database runs its own
 * {@link TenantProjectionScheduler} with the budget of {@code concurrentBatchesPerDatabase}, so the
 * budget holds per database and a slow or dead server holds back only its own tenants. A database
 * that cannot be reached is logged and skipped by {@link #start()}, and reported (after the others
 * caught up) by {@link #runUntilIdle()}.
 */
final class DatabasesDaemon implements TenantDaemon {
  private static final Logger LOG = LoggerFactory.getLogger(DatabasesDaemon.class);

  private final Supplier<Set<String>> urls;
  private final Function<String, TenantDirectory> database;
  private final List<TenantDaemon> started = new ArrayList<>();
  private boolean running;

  DatabasesDaemon(Supplier<Set<String>> urls, Function<String, TenantDirectory> database) {
    this.urls = urls;
    this.database = database;
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    for (String url : urls.get()) {
      try {
        TenantDaemon daemon = database.apply(url).daemon();
        daemon.start();
        started.add(daemon);
      } catch (RuntimeException e) {
        LOG.error("Tenant projections on {} not started: {}", TenantServers.describe(url), e.getMessage(), e);
      }
    }
  }

  @Override
  public void stop() {
    List<TenantDaemon> stopping;
    synchronized (this) {
      running = false;
      stopping = new ArrayList<>(started);
      started.clear();
    }
    for (TenantDaemon daemon : stopping) {
      daemon.stop();
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return running;
  }

  @Override
  public long runUntilIdle() {
    long applied = 0;
    RillflowException failed = null;
    for (String url : urls.get()) {
      try {
        applied += database.apply(url).daemon().runUntilIdle();
      } catch (RuntimeException e) {
        RillflowException named = new RillflowException("Tenant projections on " + TenantServers.describe(url)
            + " did not catch up: " + e.getMessage(), e);
        if (failed == null) {
          failed = named;
        } else {
          failed.addSuppressed(named);
        }
      }
    }
    if (failed != null) {
      throw failed;
    }
    return applied;
  }

  @Override
  public void close() {
    stop();
  }
}
