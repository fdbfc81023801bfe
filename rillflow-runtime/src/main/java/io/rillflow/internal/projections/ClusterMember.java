package io.rillflow.internal.projections;

import java.util.Optional;

/**
 * This daemon's place in its cluster: whether it may try a projection now. {@link #NONE} (no
 * cluster, the default) lets it try every projection and costs nothing; {@link ClusterHeartbeat}
 * is the hotcold and distributed member.
 */
interface ClusterMember {

  /** No cluster: every projection may be tried; each one's lease decides. */
  ClusterMember NONE = new ClusterMember() {
    @Override
    public void start(Runnable onChange) {}

    @Override
    public boolean mayRun(String projection) {
      return true;
    }

    @Override
    public void stop() {}

    @Override
    public Optional<ClusterView> view() {
      return Optional.empty();
    }
  };

  /** Joins the cluster (heartbeating on a thread of its own); {@code onChange} is called when what it may run changes. */
  void start(Runnable onChange);

  /** Whether this node should try {@code projection} now; a held projection it may not run is released. */
  boolean mayRun(String projection);

  /** Leaves the cluster (graceful stop): stops heartbeating and deletes this node's row. */
  void stop();

  /** The cluster as the last heartbeat saw it. */
  Optional<ClusterView> view();
}
