-- Subscriptions and their consumer groups (see io.rillflow.internal.subscriptions.PartitionSql for the
-- lease protocol, the same rule as projections': the epoch is checked by every checkpoint write).

-- A named filter over the global order, and where it starts; its groups split streams into a fixed
-- number of partitions (a stable hash of the stream id).
CREATE TABLE rf_subscriptions (
    name           text        NOT NULL PRIMARY KEY,
    event_types    text[]      NOT NULL DEFAULT '{}',
    stream_types   text[]      NOT NULL DEFAULT '{}',
    tenant         text,
    start_tx_id    bigint      NOT NULL DEFAULT 0,
    start_position bigint      NOT NULL DEFAULT 0,
    partitions     integer     NOT NULL CHECK (partitions BETWEEN 1 AND 1024),
    created_at     timestamptz NOT NULL DEFAULT now()
);

-- A consumer group of a subscription; max_in_flight 0 means the default.
CREATE TABLE rf_subscription_groups (
    subscription  text        NOT NULL REFERENCES rf_subscriptions (name) ON DELETE CASCADE,
    grp           text        NOT NULL,
    max_in_flight integer     NOT NULL DEFAULT 0,
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (subscription, grp)
);

-- One row per partition of a group: its checkpoint (tx_id, position), its holder and lease, the
-- epoch (fencing token), and the tries of the event it is failing on (carried over a takeover).
CREATE TABLE rf_subscription_partitions (
    subscription     text        NOT NULL,
    grp              text        NOT NULL,
    partition        integer     NOT NULL,
    tx_id            bigint      NOT NULL,
    position         bigint      NOT NULL,
    owner            text,
    epoch            bigint      NOT NULL DEFAULT 0,
    lease_until      timestamptz,
    failing_position bigint,
    failing_attempts integer     NOT NULL DEFAULT 0,
    updated_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (subscription, grp, partition),
    FOREIGN KEY (subscription, grp) REFERENCES rf_subscription_groups ON DELETE CASCADE
);

-- The live members of a group: each heartbeats, and the group's fair share is counted over those
-- whose heartbeat has not run out.
CREATE TABLE rf_subscription_members (
    subscription text        NOT NULL,
    grp          text        NOT NULL,
    member       text        NOT NULL,
    alive_until  timestamptz NOT NULL,
    PRIMARY KEY (subscription, grp, member),
    FOREIGN KEY (subscription, grp) REFERENCES rf_subscription_groups ON DELETE CASCADE
);

-- Events a group gave up on (handler failed every try, or the row no longer decodes), with the
-- error and the raw row, until requeued or deleted.
CREATE TABLE rf_subscription_parked (
    id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    subscription   text        NOT NULL,
    grp            text        NOT NULL,
    tx_id          bigint      NOT NULL,
    seq_id         bigint      NOT NULL,
    stream_id      text        NOT NULL,
    version        bigint      NOT NULL,
    type           text        NOT NULL,
    schema_version integer     NOT NULL,
    data           text        NOT NULL,
    headers        text,
    attempts       integer     NOT NULL,
    error          text        NOT NULL,
    requeued       boolean     NOT NULL DEFAULT false,
    created_at     timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (subscription, grp) REFERENCES rf_subscription_groups ON DELETE CASCADE
);
CREATE INDEX rf_subscription_parked_group ON rf_subscription_parked (subscription, grp, tx_id, seq_id);
