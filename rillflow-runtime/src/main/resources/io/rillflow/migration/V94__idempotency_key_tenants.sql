-- A tenant column on the store-wide idempotency keys (V21): with Tenancy.conjoined() a key is unique per
-- tenant (ConjoinedKeys makes tenant_id lead the primary key), so one tenant's key never refuses another's.
-- Other stores leave it '' and never read it. A constant default rewrites no table.
ALTER TABLE rf_idempotency_keys ADD COLUMN tenant_id text NOT NULL DEFAULT '';
