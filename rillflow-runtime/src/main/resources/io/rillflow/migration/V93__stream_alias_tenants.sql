-- A tenant column on the stream aliases (V30): with Tenancy.conjoined() an alias is one tenant's, so the
-- same alias in two tenants names two streams (ConjoinedKeys makes tenant_id lead the alias' keys).
-- Other stores leave it '' and never read it. A constant default rewrites no table.
ALTER TABLE rf_stream_aliases ADD COLUMN tenant_id text NOT NULL DEFAULT '';
