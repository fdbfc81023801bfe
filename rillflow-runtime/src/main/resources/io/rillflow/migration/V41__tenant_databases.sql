-- Tenancy.databasePerTenant(TenantDatabases.masterTable()): which database holds each tenant, kept in
-- the store's own (master) database. Several tenants may name one database; the store opens one pool
-- per distinct URL. Only such a store reads or writes it.
CREATE TABLE rf_tenant_databases (
    tenant_id    text        NOT NULL PRIMARY KEY,
    database_url text        NOT NULL,
    assigned_at  timestamptz NOT NULL DEFAULT now()
);
