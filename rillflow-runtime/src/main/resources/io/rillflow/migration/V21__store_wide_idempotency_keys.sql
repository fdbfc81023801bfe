-- Idempotency keys of stores that make them store-wide (DocumentStoreBuilder.storeWideIdempotencyKeys):
-- one row per key, written by the append that first used it, in the same statement. The primary key
-- settles two appends racing with one key into different streams: the second waits for the first and
-- fails, so only one append is stored.
CREATE TABLE rf_idempotency_keys (
    idempotency_key text        NOT NULL PRIMARY KEY,
    stream_id       text        NOT NULL,
    version         bigint      NOT NULL,
    seq_id          bigint      NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);
