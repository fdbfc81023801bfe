-- Reads by metadata (EventStore.readByCorrelationId, readByCausationId, readAll(type, ...)).

-- Audits of one correlation or causation id: most events may carry none, so only those that do are indexed.
CREATE INDEX rf_events_correlation ON rf_events (correlation_id, seq_id) WHERE correlation_id IS NOT NULL;
CREATE INDEX rf_events_causation ON rf_events (causation_id, seq_id) WHERE causation_id IS NOT NULL;

-- The global read of one type: the same (tx_id, seq_id) order as rf_events_global, within a type.
CREATE INDEX rf_events_type_global ON rf_events (type, tx_id, seq_id);
