package io.rillflow.internal.projections;

import io.rillflow.projections.Projections;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Which (projection, tenant) pairs this node steps, for the tenants' daemon of a store with tenancy:
 * the unit of assignment of a cluster. In a distributed cluster each pair goes to its
 * {@link Rendezvous} winner among the live nodes (so the pairs of one tenant spread too, and a node
 * that comes or goes moves only its share); in a hotcold cluster the hot node steps them all; with
 * no cluster ({@link #ALL}) every node tries every pair and each pair's lease decides.
 *
 * <p>It uses the store's own {@link ClusterMember} (heartbeating into the store schema's
 * {@code rf_daemon_nodes}, in the store's own database also under database per tenant), which the
 * daemons of every database of the store share: the first {@link #join} starts the heartbeat, the last
 * {@link #leave} stops it, and each joined daemon hears of a change of the live set.
 *
 * <p>Like the projections' own cluster this only decides who tries a pair: who commits a batch is
 * still the pair's lease and epoch in the tenant's schema, so two nodes with different views of the
 * live set never both commit one.
 */
public final class TenantShards {
  /** No cluster: every pair is tried here; nothing to start. */
  public static final TenantShards ALL = new TenantShards(ClusterMember.NONE);

  private final ClusterMember member;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private int joined;

  TenantShards(ClusterMember member) {
    this.member = member;
  }

  /** Whether this node should try {@code projection} of {@code tenantId} now. */
  public boolean runs(String projection, String tenantId) {
    return member.mayRun(key(projection, tenantId));
  }

  /** The node of {@code liveNodes} that runs the pair in a distributed cluster (what every node computes). */
  public static String owner(String projection, String tenantId, Collection<String> liveNodes) {
    return Rendezvous.owner(key(projection, tenantId), liveNodes);
  }

  /** A NUL cannot be in a projection name or a tenant id, so no two pairs share a key. */
  private static String key(String projection, String tenantId) {
    return projection + '\u0000' + tenantId;
  }

  /**
   * One step of the tenant's async projections that this node runs (take or renew the lease, apply at
   * most one batch each); the ones it holds but no longer runs are released, so their new owner takes
   * them at once. The names of those that found work.
   */
  public List<String> step(Projections tenantProjections, String tenantId) {
    DefaultProjectionDaemon daemon = (DefaultProjectionDaemon) tenantProjections.daemon();
    return daemon.runOnce(projection -> runs(projection, tenantId));
  }

  /** Joins the cluster on behalf of a tenants' daemon; {@code onChange} hears when the pairs it runs may differ. */
  public synchronized void join(Runnable onChange) {
    listeners.add(Objects.requireNonNull(onChange, "onChange"));
    if (joined++ == 0) {
      member.start(() -> listeners.forEach(Runnable::run));
    }
  }

  /** Leaves on behalf of a tenants' daemon that released its leases; the last one out stops the heartbeat. */
  public synchronized void leave(Runnable onChange) {
    if (!listeners.remove(onChange)) {
      return;
    }
    if (--joined == 0) {
      member.stop();
    }
  }
}
