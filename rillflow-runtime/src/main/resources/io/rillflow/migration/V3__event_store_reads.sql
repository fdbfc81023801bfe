-- What the event store's reads need beyond V1.

-- Global reads go in (tx_id, seq_id) order, from a checkpoint, below the safe point:
--   WHERE (tx_id, seq_id) > (?, ?) AND tx_id < pg_snapshot_xmin(pg_current_snapshot()) ORDER BY tx_id, seq_id
-- This index serves that scan; it replaces the single-column index on tx_id.
CREATE INDEX rf_events_global ON rf_events (tx_id, seq_id);
DROP INDEX rf_events_tx;

-- Listing the streams of one type.
CREATE INDEX rf_streams_type ON rf_streams (stream_type, stream_id) WHERE stream_type IS NOT NULL;
