-- A tenant column on the subscription tables (V50), as V90 put one on the event tables: every store has
-- it; a store without conjoined tenancy leaves it '' and neither writes nor reads it, so its SQL, keys and
-- plans stay as they were. A store with Tenancy.conjoined() writes each row's tenant, and when it starts
-- makes tenant_id lead these tables' keys (io.rillflow.internal.schema.ConjoinedKeys), so the same
-- subscription name in two tenants is two subscriptions. A constant default rewrites no table.
ALTER TABLE rf_subscriptions ADD COLUMN tenant_id text NOT NULL DEFAULT '';
ALTER TABLE rf_subscription_groups ADD COLUMN tenant_id text NOT NULL DEFAULT '';
ALTER TABLE rf_subscription_partitions ADD COLUMN tenant_id text NOT NULL DEFAULT '';
ALTER TABLE rf_subscription_members ADD COLUMN tenant_id text NOT NULL DEFAULT '';
ALTER TABLE rf_subscription_parked ADD COLUMN tenant_id text NOT NULL DEFAULT '';
