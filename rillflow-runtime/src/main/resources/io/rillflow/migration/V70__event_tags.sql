-- Dynamic Consistency Boundaries: one row per event and @Tag ("name:value"), written in the append's
-- transaction. tx_id and type are copied from the event, so a query item (tags AND, types OR) and a
-- conditional append's check ("matching events after a checkpoint") are answered from this table's
-- index alone, narrowed to their window of the global order (tx_id, seq_id).
CREATE TABLE rf_event_tags (
    seq_id bigint NOT NULL REFERENCES rf_events (seq_id) ON DELETE CASCADE,
    tag    text   NOT NULL,
    type   text   NOT NULL,
    tx_id  xid8   NOT NULL,
    PRIMARY KEY (seq_id, tag)
);
CREATE INDEX rf_event_tags_tag ON rf_event_tags (tag, tx_id, seq_id) INCLUDE (type);
