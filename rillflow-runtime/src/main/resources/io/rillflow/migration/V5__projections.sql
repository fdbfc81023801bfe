-- What the projection daemon needs beyond V1.

-- A projection's checkpoint is a place in global order, (tx_id, seq_id): position (V1) alone would
-- let a daemon pass an event that a transaction still open commits below it. tx_id is the writing
-- transaction's id as a bigint (xid8 has no cast from bigint).
ALTER TABLE rf_projections ADD COLUMN tx_id bigint NOT NULL DEFAULT 0;

-- Dead letters keep the event's place in global order, and a flag the holder of the projection
-- looks for to apply the event again.
ALTER TABLE rf_dead_letters ADD COLUMN tx_id bigint NOT NULL DEFAULT 0;
ALTER TABLE rf_dead_letters ADD COLUMN requeued boolean NOT NULL DEFAULT false;
CREATE INDEX rf_dead_letters_requeued ON rf_dead_letters (projection) WHERE requeued;

-- Wakes daemons when events commit: one notification per appending statement, delivered at commit
-- (and folded into one per transaction by PostgreSQL). The payload is the schema, so daemons of
-- stores in other schemas of the database ignore it. Daemons poll as well, so a lost notification
-- only delays them.
CREATE FUNCTION rf_notify_events() RETURNS trigger
    LANGUAGE plpgsql
    AS $$ BEGIN PERFORM pg_notify('rillflow_events', TG_TABLE_SCHEMA); RETURN NULL; END $$;

CREATE TRIGGER rf_events_notify AFTER INSERT ON rf_events
    FOR EACH STATEMENT EXECUTE FUNCTION rf_notify_events();
