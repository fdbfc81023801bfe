-- The tenants a store with tenancy has provisioned (Tenancy.schemaPerTenant(): each in schema
-- <store schema>_<tenant id>). A row is written last, once the tenant's tables exist, so a row means
-- a complete tenant; a store without tenancy leaves the table empty and never reads it.
CREATE TABLE rf_tenants (
    tenant_id  text        NOT NULL PRIMARY KEY,
    created_at timestamptz NOT NULL DEFAULT now()
);
