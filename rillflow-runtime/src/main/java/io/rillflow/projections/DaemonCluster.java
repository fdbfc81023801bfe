package io.rillflow.projections;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which cluster of projection daemons this node joins, and how the cluster shares the work; set with
 * {@link ProjectionOptions#cluster(DaemonCluster)}.
 *
 * <pre>{@code
 * // one hot node runs the projections; the others wait, and one takes over when its lease ends
 * ProjectionOptions.defaults().nodeId("node-a").leaseDuration(Duration.ofSeconds(10))
 *     .cluster(DaemonCluster.hotCold("orders").minColdStandbys(1));
 * // or: the projections are spread over every live node
 * ProjectionOptions.defaults().cluster(DaemonCluster.distributed("orders"));
 * }</pre>
 *
 * <p>A node of a cluster heartbeats into {@code rf_daemon_nodes} every third of the lease
 * ({@link ProjectionOptions#leaseDuration()}); a node whose heartbeat has not renewed its row for a
 * lease is dead to the others. In either mode the cluster only decides which node tries a projection:
 * who may commit a batch is still decided by the projection's own lease and epoch, so no batch is
 * ever committed by two nodes, whatever the nodes believe about each other.
 *
 * <p>With tenancy the store's own daemon does not run; the tenants' daemon
 * ({@code store.tenants().daemon()}) joins the cluster instead and assigns (projection, tenant) pairs:
 * distributed spreads the pairs over the live nodes, hotcold runs them all on the hot node.
 *
 * @param mode how the work is shared; {@link ClusterMode#SINGLE} is no cluster (the default, and free)
 * @param name the cluster's name: nodes with the same name in the same schema form one cluster
 * @param minColdStandbys how many live nodes beyond the one(s) running the projections the cluster
 *     needs to count as healthy ({@code daemon_cluster_required_standbys})
 * @param leaseGrace in hotcold mode, how long after the hot node's lease ended a cold node waits
 *     before it takes over (default none): room for a hot node that is slow, not dead, to heartbeat
 */
public record DaemonCluster(ClusterMode mode, String name, int minColdStandbys, Duration leaseGrace) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,62}");
  private static final DaemonCluster SINGLE = new DaemonCluster(ClusterMode.SINGLE, "", 0, Duration.ZERO);

  /** Checks the values. */
  public DaemonCluster {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(leaseGrace, "leaseGrace");
    if (mode != ClusterMode.SINGLE && !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("A cluster name is 1 to 63 letters, digits, '.', '_', ':' or '-', starting "
          + "with a letter or digit, but was \"" + name + "\"");
    }
    if (minColdStandbys < 0 || leaseGrace.isNegative()) {
      throw new IllegalArgumentException("minColdStandbys and leaseGrace must not be negative, but were "
          + minColdStandbys + " and " + leaseGrace);
    }
  }

  /** No cluster: today's behaviour, every daemon tries every projection (the default). */
  public static DaemonCluster single() {
    return SINGLE;
  }

  /** One hot node runs the projections; cold standbys take over when its lease ends. */
  public static DaemonCluster hotCold(String name) {
    return new DaemonCluster(ClusterMode.HOTCOLD, name, 0, Duration.ZERO);
  }

  /** The projections are spread over all live nodes of the cluster. */
  public static DaemonCluster distributed(String name) {
    return new DaemonCluster(ClusterMode.DISTRIBUTED, name, 0, Duration.ZERO);
  }

  /** With this many required standbys. */
  public DaemonCluster minColdStandbys(int value) {
    return new DaemonCluster(mode, name, value, leaseGrace);
  }

  /** With this grace after the hot node's lease. */
  public DaemonCluster leaseGrace(Duration value) {
    return new DaemonCluster(mode, name, minColdStandbys, value);
  }

  /** Whether this node joins a cluster at all. */
  public boolean clustered() {
    return mode != ClusterMode.SINGLE;
  }
}
