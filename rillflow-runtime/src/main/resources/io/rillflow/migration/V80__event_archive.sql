-- Hot/cold event archive: the events of archived streams move to rf_events_archived, a table with the
-- same columns in the same order, keeping seq_id, tx_id and created_at. rf_events then holds only
-- live streams' events, so no read of a live stream (or of the global order) ever touches an archived
-- row, and its "archived" flag is read no more.
--
-- The flag stays (false on every row left in rf_events), on both tables so their columns stay alike:
-- nothing is dropped at start-up, so an application version from before V80 keeps running during a
-- rolling deploy (its reads say "AND NOT archived"). A migration of a later release drops it from both
-- tables in one statement each, once every version that reads it is gone (expand, then contract).
--
-- A second table rather than LIST partitions on "archived": a partitioned table needs the partition
-- key in every unique key, so (stream_id, version) and seq_id would only be unique per partition, the
-- identity column and the rf_event_tags reference would have to change shape, and moving a row
-- between partitions is a delete and an insert anyway. Two plain tables keep every key as it was and
-- keep hot plans exactly what they were.
--
-- Rows move with "INSERT INTO <other> SELECT * FROM <this>": the two tables' column lists must stay
-- identical, in order. A migration adding a column to rf_events adds the same column to
-- rf_events_archived (one more line).

-- Tags of archived events stay where they are, so reads that take archived events in still find them
-- by tag: the reference to rf_events (which deleted a tag with its event) cannot point at two tables.
-- Tombstoning a stream deletes its tags itself now.
ALTER TABLE rf_event_tags DROP CONSTRAINT rf_event_tags_seq_id_fkey;

CREATE TABLE rf_events_archived (LIKE rf_events INCLUDING DEFAULTS);
ALTER TABLE rf_events_archived ADD PRIMARY KEY (seq_id);
ALTER TABLE rf_events_archived ADD CONSTRAINT rf_events_archived_stream_version UNIQUE (stream_id, version);
-- Reads that take archived events in go in global order over both tables (a merge of two index scans).
CREATE INDEX rf_events_archived_global ON rf_events_archived (tx_id, seq_id);

-- Streams archived the old way: their events still sit in rf_events, flagged. Every one of them moves,
-- also a flagged event whose stream row says otherwise (none should exist: both were set in one
-- transaction), so nothing hidden before becomes visible.
INSERT INTO rf_events_archived (seq_id, stream_id, version, type, schema_version, data, headers, causation_id,
                                correlation_id, idempotency_key, tx_id, created_at)
SELECT seq_id, stream_id, version, type, schema_version, data, headers, causation_id,
       correlation_id, idempotency_key, tx_id, created_at
FROM rf_events
WHERE archived OR stream_id IN (SELECT stream_id FROM rf_streams WHERE archived);

DELETE FROM rf_events
WHERE archived OR stream_id IN (SELECT stream_id FROM rf_streams WHERE archived);

