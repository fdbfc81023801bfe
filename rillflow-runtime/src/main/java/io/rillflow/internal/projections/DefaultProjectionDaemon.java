package io.rillflow.internal.projections;

import io.rillflow.spi.RegisteredProjection;
import io.rillflow.events.Checkpoint;
import io.rillflow.projections.ProjectionDaemon;
import io.rillflow.projections.ProjectionLifecycle;
import io.rillflow.projections.ProjectionOptions;
import io.rillflow.projections.ProjectionStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's daemon: one background thread that drives the {@link ProjectionRunner}s in passes and
 * sleeps when none had work, until the poll interval passes or {@link EventWakeups} reports a
 * commit. A second thread listens for the notifications. In a cluster, the {@link ClusterMember}
 * (heartbeating on a third thread) says which projections this node tries; one it may no longer try
 * is released, so the node that may takes it at once.
 *
 * <p>In a pass every runner takes one step, on the {@link ParallelSteps} pool, and the pass ends when
 * all have: runners at the same checkpoint share the pass's read of their batch ({@link SharedReads},
 * a new generation per pass), each then applies it and commits its checkpoint in its own fenced
 * transaction. A runner that fails backs off and returns at once, so it does not hold a pass up; a
 * slow one does, for as long as its batch takes.
 */
final class DefaultProjectionDaemon implements ProjectionDaemon {
  private static final Logger LOG = LoggerFactory.getLogger(DefaultProjectionDaemon.class);

  /** How long the listener waits for a notification before it checks whether to stop. */
  private static final long LISTEN_WAIT_MILLIS = 500;
  /** The first quick re-poll after a notification found nothing readable. */
  private static final long QUICK_FIRST_MILLIS = 10;

  private final List<RegisteredProjection> all;
  private final Map<String, RegisteredProjection> asyncByName = new LinkedHashMap<>();
  private final Map<String, ProjectionRunner> runners = new LinkedHashMap<>();
  private final ProjectionAdmin admin;
  private final StatusReader statusReader;
  private final ProjectionOptions options;
  private final String owner;
  private final DataSource dataSource;
  private final String schema;
  private final ClusterMember member;
  private final SharedReads reads;
  private final ParallelSteps steps;
  private final Doorbell doorbell = new Doorbell();
  private volatile boolean running;
  private Thread worker;
  private Thread listenerThread;
  private EventWakeups wakeups;

  DefaultProjectionDaemon(List<RegisteredProjection> all, Map<String, ProjectionRunner> runners, ProjectionAdmin admin,
      StatusReader statusReader, ProjectionOptions options, DataSource dataSource, String schema,
      ClusterMember member, SharedReads reads, ParallelSteps steps) {
    this.all = all;
    this.reads = reads;
    this.steps = steps;
    for (RegisteredProjection projection : all) {
      if (projection.lifecycle() == ProjectionLifecycle.ASYNC) {
        asyncByName.put(projection.name(), projection);
      }
    }
    this.runners.putAll(runners);
    this.admin = admin;
    this.statusReader = statusReader;
    this.options = options;
    this.owner = options.nodeId();
    this.dataSource = dataSource;
    this.schema = schema;
    this.member = member;
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    doorbell.open();
    wakeups = new EventWakeups(dataSource, schema, doorbell::ring,
        (int) Math.min(Math.max(options.pollInterval().toMillis(), 50), LISTEN_WAIT_MILLIS));
    listenerThread = new Thread(wakeups, "rillflow-projections-listen-" + schema);
    listenerThread.setDaemon(true);
    listenerThread.start();
    member.start(doorbell::ring);
    worker = new Thread(this::loop, "rillflow-projections-" + schema);
    worker.setDaemon(true);
    worker.start();
    LOG.info("Projection daemon {} started for {} async projection(s) in schema {}", owner, runners.size(), schema);
  }

  @Override
  public void stop() {
    Thread stopping;
    Thread listening;
    synchronized (this) {
      if (!running) {
        runners.values().forEach(ProjectionRunner::release);
        return;
      }
      running = false;
      stopping = worker;
      listening = listenerThread;
      wakeups.stop();
    }
    doorbell.close();
    join(stopping);
    join(listening);
    runners.values().forEach(ProjectionRunner::release);
    // After the releases: a cold node that claims the hot flag finds the projections free.
    member.stop();
    LOG.info("Projection daemon {} stopped", owner);
  }

  private static void join(Thread thread) {
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private void loop() {
    long nextRequeueCheck = System.nanoTime();
    long full = Math.min(options.pollInterval().toMillis(), options.leaseDuration().toMillis() / 3);
    // After a notification the events may not be readable yet: a transaction anywhere on the server
    // that took its id earlier still holds the safe point. Poll again soon, backing off to the full wait.
    long quick = 0;
    long nextStallCheck = System.nanoTime() + options.leaseDuration().toNanos();
    while (running) {
      if (System.nanoTime() - nextStallCheck >= 0) {
        nextStallCheck = System.nanoTime() + options.leaseDuration().toNanos();
        logStalls();
      }
      long now = System.nanoTime();
      boolean checkRequeued = now - nextRequeueCheck >= 0;
      if (checkRequeued) {
        nextRequeueCheck = now + options.pollInterval().toNanos();
      }
      if (pass(checkRequeued)) {
        quick = 0;
        continue;
      }
      // Not longer than a third of the lease: renewals and takeovers are due that often.
      if (doorbell.await(quick > 0 ? Math.min(quick, full) : full)) {
        quick = QUICK_FIRST_MILLIS;
      } else if (quick > 0) {
        quick = quick * 2 >= full ? 0 : quick * 2;
      }
    }
  }

  /** One step of every runner this node may run, sharing one generation of reads; whether any had work. */
  private boolean pass(boolean checkRequeued) {
    List<Callable<Boolean>> ticks = new ArrayList<>();
    for (ProjectionRunner runner : runners.values()) {
      if (!member.mayRun(runner.name())) {
        runner.release();
        continue;
      }
      ticks.add(() -> {
        if (!running) {
          return false;
        }
        try {
          return runner.tick(System.nanoTime(), checkRequeued);
        } catch (RuntimeException e) {
          LOG.error("Projection {}: batch failed, retrying after the poll interval", runner.name(), e);
          return false;
        }
      });
    }
    reads.newGeneration();
    return steps.run(ticks).contains(true);
  }

  /** Names the open transaction that holds the safe point back while projections lag, instead of stalling silently. */
  private void logStalls() {
    try {
      for (ProjectionStatus status : status()) {
        if (status.ownedHere() && status.lag() > 0 && status.heldBackBy() != null) {
          LOG.warn("Projection {}: {} event(s) behind; the safe point is held back by the oldest open appending "
              + "transaction ({})", status.name(), status.lag(), status.heldBackBy());
        }
      }
    } catch (RuntimeException e) {
      LOG.debug("Could not check the projections for stalls", e);
    }
  }

  @Override
  public long runUntilIdle() {
    // In rounds, one batch of each runner per round: runners at the same checkpoint share the
    // round's read. Each runner drains up to the safe point it last read and then drops out; a
    // second drain over all of them would only read nothing once more.
    reads.newGeneration();
    long applied = 0;
    List<ProjectionRunner> draining = new ArrayList<>(runners.values());
    boolean first = true;
    while (!draining.isEmpty()) {
      boolean firstRound = first;
      List<Callable<ProjectionRunner.DrainStep>> round = new ArrayList<>();
      for (ProjectionRunner runner : draining) {
        round.add(() -> runner.drainStep(firstRound));
      }
      List<ProjectionRunner.DrainStep> stepped = steps.run(round);
      List<ProjectionRunner> next = new ArrayList<>();
      for (int i = 0; i < stepped.size(); i++) {
        applied += stepped.get(i).applied();
        if (!stepped.get(i).done()) {
          next.add(draining.get(i));
        }
      }
      draining = next;
      first = false;
    }
    return applied;
  }

  @Override
  public List<String> runOnce() {
    return runOnce(name -> true);
  }

  /**
   * One step of each projection {@code runs} accepts; one it holds but does not accept is released,
   * so the node that runs it takes it at once ({@link TenantShards}). The names of those that found work.
   */
  List<String> runOnce(Predicate<String> runs) {
    List<ProjectionRunner> stepped = new ArrayList<>();
    List<Callable<Boolean>> ticks = new ArrayList<>();
    for (ProjectionRunner runner : runners.values()) {
      if (!runs.test(runner.name())) {
        runner.release();
        continue;
      }
      stepped.add(runner);
      ticks.add(() -> runner.tick(System.nanoTime(), true));
    }
    reads.newGeneration();
    List<Boolean> progressed = steps.run(ticks);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < stepped.size(); i++) {
      if (progressed.get(i)) {
        names.add(stepped.get(i).name());
      }
    }
    return names;
  }

  @Override
  public boolean runOnce(String projection) {
    ProjectionRunner runner = runners.get(async(projection).name());
    reads.newGeneration();
    return runner.tick(System.nanoTime(), true);
  }

  @Override
  public void rebuild(String projection) {
    admin.rebuild(async(projection));
    doorbell.ring();
  }

  @Override
  public void reset(String projection, Checkpoint checkpoint) {
    Objects.requireNonNull(checkpoint, "checkpoint");
    admin.reset(async(projection).name(), checkpoint);
    doorbell.ring();
  }

  @Override
  public void pause(String projection) {
    admin.pause(async(projection).name());
  }

  @Override
  public void resume(String projection) {
    admin.resume(async(projection).name());
    doorbell.ring();
  }

  @Override
  public List<ProjectionStatus> status() {
    return statusReader.read(all, owner, name -> {
      ProjectionRunner runner = runners.get(name);
      return runner != null && runner.owned();
    });
  }

  private RegisteredProjection async(String name) {
    RegisteredProjection projection = asyncByName.get(Objects.requireNonNull(name, "projection"));
    if (projection == null) {
      throw new IllegalArgumentException("No async projection is named \"" + name + "\"; async projections: "
          + asyncByName.keySet());
    }
    return projection;
  }

  @Override
  public void close() {
    stop();
    steps.close();
  }
}
