-- A tenant column on the event tags (V70), as V90 gave one to the events: a store without conjoined
-- tenancy leaves it '' and neither writes nor reads it, so its SQL, keys and plans stay as they were.
-- A store with Tenancy.conjoined() writes each tag row's tenant, reads a tenant's tags only, and makes
-- tenant_id lead the tag index when it starts (ConjoinedKeys), filling in the tenant of tag rows written
-- before from their events. A constant default is a catalogue change only: no table is rewritten.
ALTER TABLE rf_event_tags ADD COLUMN tenant_id text NOT NULL DEFAULT '';
