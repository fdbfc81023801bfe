package io.rillflow.projections;

import java.util.List;
import java.util.Optional;

/**
 * The daemon clusters of this store's schema ({@code rf_daemon_nodes}): their state, and hand-overs
 * by an operator. From {@link Projections#clusters()}; the command line's
 * {@code projections cluster-status|promote|demote}.
 *
 * <pre>{@code
 * for (ClusterStatus cluster : store.projections().clusters().status()) {
 *   System.out.println(cluster.name() + " hot: " + cluster.hotNode() + ", healthy: " + cluster.healthy());
 * }
 * store.projections().clusters().promote("orders", "node-b");   // node-b runs the projections next
 * }</pre>
 */
public interface DaemonClusters {

  /** Every cluster with rows in the schema, read now, by name. */
  List<ClusterStatus> status();

  /** One cluster, read now; empty when it has no rows. */
  Optional<ClusterStatus> status(String cluster);

  /**
   * This store's daemon's cluster as its last heartbeat saw it, with ages and leases carried forward to
   * now; empty when the daemon is not in a cluster or has not heartbeat yet.
   */
  Optional<ClusterStatus> local();

  /**
   * Makes a live node of a hotcold cluster the hot one: the current hot node steps down at its next
   * heartbeat (releasing its projections' leases) and the promoted node takes them then. Within a
   * third of the lease.
   *
   * @throws java.util.NoSuchElementException when the cluster has no live node of that id
   * @throws IllegalStateException when the cluster is not in hotcold mode
   */
  void promote(String cluster, String node);

  /**
   * Takes the hot flag from a hotcold cluster's hot node; a cold node claims it at its next heartbeat
   * (the demoted node may claim it again only after a lease, when no other did).
   *
   * @return the node demoted, empty when none was hot
   * @throws java.util.NoSuchElementException when the cluster has no rows
   * @throws IllegalStateException when the cluster is not in hotcold mode
   */
  Optional<String> demote(String cluster);
}
