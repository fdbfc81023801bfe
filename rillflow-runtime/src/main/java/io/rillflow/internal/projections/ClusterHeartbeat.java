package io.rillflow.internal.projections;

import io.micrometer.core.instrument.MeterRegistry;
import io.rillflow.projections.ClusterMode;
import io.rillflow.projections.DaemonCluster;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node in a hotcold or distributed cluster: a thread that heartbeats into {@code rf_daemon_nodes}
 * every third of the lease (the same cadence as the projections' leases, {@link LeaseHolder}), and
 * the answer to "may this node try that projection now", from the last heartbeat's view.
 *
 * <p>Hotcold: only the node holding the hot flag may. Distributed: the projection's {@link Rendezvous}
 * winner among the live nodes may. Either way only while this node's own row is known live: a node
 * whose heartbeats fail (database unreachable, process paused) stops trying once its lease would have
 * ended, before any other node may take its place. Between regular heartbeats it also checks at the
 * moment another node's lease ends (plus the grace), so a dead hot node is replaced within moments of
 * its lease ending, not a third of a lease later.
 */
final class ClusterHeartbeat implements ClusterMember {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterHeartbeat.class);
  /** Checked this long after a lease ends, so the database's clock has surely passed it. */
  private static final long MARGIN_NANOS = 20_000_000L;

  private final DaemonNodeRows rows;
  private final DaemonCluster cluster;
  private final String node;
  private final long leaseMillis;
  private final long everyNanos;
  private final Object signal = new Object();
  private volatile ClusterView view;
  /** {@link System#nanoTime()} until which this node's own row is known live. */
  private volatile long validUntil;
  private volatile boolean running;
  private Thread thread;
  private final ClusterGauges gauges;
  private Runnable onChange = () -> {};

  ClusterHeartbeat(DaemonNodeRows rows, DaemonCluster cluster, String node, long leaseMillis, MeterRegistry meters) {
    this.rows = rows;
    this.cluster = cluster;
    this.node = node;
    this.leaseMillis = leaseMillis;
    this.everyNanos = LeaseHolder.renewEveryNanos(leaseMillis);
    this.gauges = new ClusterGauges(meters, cluster.name(), this::view);
  }

  @Override
  public synchronized void start(Runnable onChange) {
    if (running) {
      return;
    }
    this.onChange = Objects.requireNonNull(onChange, "onChange");
    running = true;
    thread = new Thread(this::loop, "rillflow-cluster-" + cluster.name() + "-" + node);
    thread.setDaemon(true);
    thread.start();
    LOG.info("Node {} joined {} cluster {}", node, cluster.mode().label(), cluster.name());
  }

  @Override
  public boolean mayRun(String projection) {
    ClusterView seen = view;
    long now = System.nanoTime();
    if (seen == null || now - validUntil >= 0) {
      return false;
    }
    if (cluster.mode() == ClusterMode.HOTCOLD) {
      NodeRow self = seen.row(node);
      return self != null && self.hot();
    }
    return node.equals(Rendezvous.owner(projection, seen.liveNodes(now)));
  }

  @Override
  public void stop() {
    Thread stopping;
    synchronized (this) {
      if (!running) {
        return;
      }
      running = false;
      stopping = thread;
    }
    synchronized (signal) {
      signal.notifyAll();
    }
    try {
      stopping.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    view = null;
    try {
      rows.leave(cluster.name(), node);
      LOG.info("Node {} left cluster {}", node, cluster.name());
    } catch (RuntimeException e) {
      LOG.warn("Node {} could not delete its row in cluster {}; it is dead to the others once its lease ends", node,
          cluster.name(), e);
    }
  }

  @Override
  public Optional<ClusterView> view() {
    return Optional.ofNullable(view);
  }

  private void loop() {
    while (running) {
      long wait = beat();
      synchronized (signal) {
        long deadline = System.nanoTime() + wait;
        while (running) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            break;
          }
          try {
            signal.wait(left / 1_000_000, (int) (left % 1_000_000));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      }
    }
  }

  /** One heartbeat; how long until the next. */
  private long beat() {
    long began = System.nanoTime();
    try {
      List<NodeRow> read = rows.heartbeat(cluster, node, leaseMillis);
      ClusterView before = view;
      ClusterView now = new ClusterView(cluster.name(), cluster.mode(), read, began);
      NodeRow self = now.row(node);
      validUntil = began + (self == null ? 0 : self.remainingNanos());
      view = now;
      gauges.refresh(now);
      if (changed(before, now)) {
        LOG.info("Node {} in cluster {}: {}", node, cluster.name(), cluster.mode() == ClusterMode.HOTCOLD
            ? (self != null && self.hot() ? "hot" : "cold") : "live nodes " + now.liveNodes(System.nanoTime()));
        onChange.run();
      }
      long next = everyNanos;
      long leaseEnd = now.nextLeaseEndNanos(node, cluster.leaseGrace().toNanos());
      if (leaseEnd >= 0) {
        next = Math.min(next, leaseEnd - (System.nanoTime() - began) + MARGIN_NANOS);
      }
      return Math.max(next, MARGIN_NANOS);
    } catch (RuntimeException e) {
      LOG.warn("Node {}: heartbeat in cluster {} failed; trying again", node, cluster.name(), e);
      return Math.min(everyNanos, 1_000_000_000L);
    }
  }

  /** Whether what this node may run can differ: its hot flag, or the set of live nodes. */
  private boolean changed(ClusterView before, ClusterView now) {
    if (before == null) {
      return true;
    }
    if (cluster.mode() == ClusterMode.HOTCOLD) {
      NodeRow was = before.row(node);
      NodeRow is = now.row(node);
      return (was != null && was.hot()) != (is != null && is.hot());
    }
    long at = System.nanoTime();
    return !before.liveNodes(at).equals(now.liveNodes(at));
  }
}
