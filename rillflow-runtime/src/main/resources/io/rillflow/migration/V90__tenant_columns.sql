-- A tenant column on the tables of streams, events, snapshots, projections and dead letters, added at the END of each column list
-- (tables that copy rf_events rows column by column must add it in the same place). Every store has it;
-- a store without conjoined tenancy leaves it '' and neither writes nor reads it, so its SQL, keys and
-- plans stay as they were. A store with Tenancy.conjoined() writes each row's tenant and, when it
-- starts, makes tenant_id lead the keys of these tables (ConjoinedKeys): keys differ per mode, the
-- columns do not. A constant default is a catalogue change only: no table is rewritten.
ALTER TABLE rf_streams ADD COLUMN tenant_id text NOT NULL DEFAULT '';
ALTER TABLE rf_events ADD COLUMN tenant_id text NOT NULL DEFAULT '';
-- The archive (V80) keeps exactly rf_events' columns in rf_events' order: rows move between them by position.
ALTER TABLE rf_events_archived ADD COLUMN tenant_id text NOT NULL DEFAULT '';
ALTER TABLE rf_snapshots ADD COLUMN tenant_id text NOT NULL DEFAULT '';
ALTER TABLE rf_projections ADD COLUMN tenant_id text NOT NULL DEFAULT '';
ALTER TABLE rf_dead_letters ADD COLUMN tenant_id text NOT NULL DEFAULT '';
