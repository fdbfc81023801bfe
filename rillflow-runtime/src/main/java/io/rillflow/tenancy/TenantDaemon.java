package io.rillflow.tenancy;

/**
 * Runs the async projections of every tenant of a store under one connection budget: at most
 * {@link Tenancy#concurrentBatchesPerDatabase(int)} tenant batches at once per database, so a thousand
 * tenants do not open a thousand connections. Each (projection, tenant) keeps its own checkpoint,
 * lease and epoch in the tenant's schema (the fencing rule of a single store's daemon holds per
 * tenant), and several application instances may each run this daemon: leases share the work out.
 *
 * <pre>{@code
 * store.tenants().daemon().start();        // background: tenants with work first, idle ones each poll interval
 * store.tenants().daemon().runUntilIdle(); // or catch every tenant up, under the budget, and return
 * }</pre>
 *
 * <p>Tenants are scheduled in turn: a tenant whose batch found work goes to the back of the queue at
 * once, an idle one is looked at again after the poll interval; tenants provisioned meanwhile (by any
 * instance) join within a poll interval, dropped ones leave.
 */
public interface TenantDaemon extends AutoCloseable {

  /** Starts the background workers, as many as the budget. Idempotent. */
  void start();

  /** Finishes the batches in flight, stops, and releases every tenant's leases this process holds. Idempotent. */
  void stop();

  /** Whether the background workers run. */
  boolean isRunning();

  /**
   * Catches every provisioned tenant's async projections up to the safe point, on at most the budget's
   * number of threads at once, then returns.
   *
   * @return how many events were applied, over all tenants
   */
  long runUntilIdle();

  /** {@link #stop()}. */
  @Override
  void close();
}
