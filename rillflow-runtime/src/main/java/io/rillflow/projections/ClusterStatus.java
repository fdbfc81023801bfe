package io.rillflow.projections;

import java.util.List;

/**
 * A daemon cluster's state, from {@link DaemonClusters}: the figures behind the
 * {@code daemon_cluster_*} and {@code daemon_node_*} gauges.
 *
 * <p>Healthy means: in hotcold mode, exactly one live hot node and at least {@code requiredStandbys}
 * live cold ones; in distributed mode, at least {@code 1 + requiredStandbys} live nodes. Alert on
 * {@code daemon_cluster_healthy == 0}: no leader, too few standbys, or (hotcold) two hot nodes.
 *
 * @param name the cluster's name
 * @param mode hotcold or distributed
 * @param requiredStandbys the {@link DaemonCluster#minColdStandbys()} its nodes were started with (the highest)
 * @param standbyNodes live nodes beyond the one(s) running the projections: live cold nodes (hotcold), live
 *     nodes but one (distributed)
 * @param healthy as above
 * @param nodes every node with a row, live or not, by id
 */
public record ClusterStatus(String name, ClusterMode mode, int requiredStandbys, int standbyNodes, boolean healthy,
    List<ClusterNode> nodes) {

  /** Copies the node list. */
  public ClusterStatus {
    nodes = List.copyOf(nodes);
  }

  /** The status of these nodes, computing standbys and health by the rule above (the one place it is decided). */
  public static ClusterStatus of(String name, ClusterMode mode, int requiredStandbys, List<ClusterNode> nodes) {
    long live = nodes.stream().filter(ClusterNode::live).count();
    int standbys;
    boolean healthy;
    if (mode == ClusterMode.HOTCOLD) {
      long hot = nodes.stream().filter(n -> n.live() && n.hot()).count();
      standbys = (int) (live - hot);
      healthy = hot == 1 && standbys >= requiredStandbys;
    } else {
      standbys = (int) Math.max(0, live - 1);
      healthy = live >= 1 && standbys >= requiredStandbys;
    }
    return new ClusterStatus(name, mode, requiredStandbys, standbys, healthy, nodes);
  }

  /** The live hot node's id in hotcold mode, else {@code null}. */
  public String hotNode() {
    if (mode != ClusterMode.HOTCOLD) {
      return null;
    }
    return nodes.stream().filter(n -> n.live() && n.hot()).map(ClusterNode::nodeId).findFirst().orElse(null);
  }
}
