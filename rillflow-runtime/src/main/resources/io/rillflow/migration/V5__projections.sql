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

-- No NOTIFY trigger on rf_events: with one, global readers on other connections saw appends late
-- (the safe point lagged behind commits under concurrent load; measured with the event store's
-- own tests). A store with async projections sends the NOTIFY itself, after the append commits.
