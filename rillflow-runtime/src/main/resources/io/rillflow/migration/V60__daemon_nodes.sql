-- The projection daemons of a cluster (hotcold or distributed, see DaemonCluster): one row per node,
-- renewed by its heartbeat. lease_until is the database's clock (clock_timestamp()), never a node's.
-- In hotcold mode at most one live row is hot: a node claims it only while holding the cluster's
-- transaction-scoped advisory lock, so two claims never interleave. claim_after keeps a demoted node
-- from claiming again at once (a cold node gets the turn). Who may write a projection's read model is
-- still decided by the projection's own lease and epoch (rf_projections): this table only says which
-- node tries.
CREATE TABLE rf_daemon_nodes (
    cluster           text        NOT NULL,
    node_id           text        NOT NULL,
    mode              text        NOT NULL CHECK (mode IN ('hotcold', 'distributed')),
    hot               boolean     NOT NULL DEFAULT false,
    hot_since         timestamptz,
    min_cold_standbys integer     NOT NULL DEFAULT 0,
    heartbeat_at      timestamptz NOT NULL,
    lease_until       timestamptz NOT NULL,
    claim_after       timestamptz,
    started_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (cluster, node_id)
);
