-- Rillflow's own tables. Flyway runs this with search_path set to the store's schema, so no
-- statement names a schema.

-- One row per stream: its current version, checked and bumped in the same round as an append.
CREATE TABLE rf_streams (
    stream_id   text        NOT NULL PRIMARY KEY,
    stream_type text,
    version     bigint      NOT NULL,
    archived    boolean     NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Every event, in global order (seq_id). tx_id is the writing transaction's id: a global reader
-- reads only below pg_snapshot_xmin(pg_current_snapshot()), so it never passes an event that an
-- open transaction may still commit below a position it has already read.
CREATE TABLE rf_events (
    seq_id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    stream_id       text        NOT NULL,
    version         bigint      NOT NULL,
    type            text        NOT NULL,
    schema_version  integer     NOT NULL,
    data            jsonb       NOT NULL,
    headers         jsonb,
    causation_id    text,
    correlation_id  text,
    idempotency_key text,
    tx_id           xid8        NOT NULL DEFAULT pg_current_xact_id(),
    archived        boolean     NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT rf_events_stream_version UNIQUE (stream_id, version)
);
CREATE UNIQUE INDEX rf_events_idempotency ON rf_events (stream_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;
CREATE INDEX rf_events_tx ON rf_events (tx_id);

-- The newest snapshot of an aggregate's state, at a stream version.
CREATE TABLE rf_snapshots (
    stream_id      text        NOT NULL PRIMARY KEY,
    version        bigint      NOT NULL,
    type           text        NOT NULL,
    schema_version integer     NOT NULL,
    data           jsonb       NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now()
);

-- One row per async projection: its checkpoint and its lease. Every checkpoint write checks the
-- epoch (a fencing token), so a node that lost its lease can never commit progress.
CREATE TABLE rf_projections (
    name        text        NOT NULL PRIMARY KEY,
    position    bigint      NOT NULL DEFAULT 0,
    status      text        NOT NULL DEFAULT 'running',
    owner       text,
    epoch       bigint      NOT NULL DEFAULT 0,
    lease_until timestamptz,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Events a projection gave up on after its retries, with the error, until requeued or deleted.
CREATE TABLE rf_dead_letters (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    projection text        NOT NULL,
    seq_id     bigint      NOT NULL,
    stream_id  text        NOT NULL,
    version    bigint      NOT NULL,
    type       text        NOT NULL,
    attempts   integer     NOT NULL,
    error      text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX rf_dead_letters_projection ON rf_dead_letters (projection, seq_id);
