package io.rillflow.internal;

import com.zaxxer.hikari.HikariDataSource;
import io.rillflow.internal.document.DocumentTables;
import io.rillflow.internal.sql.TenantFilter;
import io.rillflow.internal.tenancy.TenantAccess;
import io.rillflow.spi.DocumentMapping;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Where one {@link DefaultDocumentStore} keeps its data and whose life it shares: a store without
 * tenancy owns everything; a tenant's store is a view of its parent's pool and lifetime on the
 * tenant's schema.
 *
 * @param schema the schema its SQL is qualified for
 * @param owned the mappings whose document tables live in {@code schema} (its schema changes touch only these)
 * @param tables every document table it reads and writes, its own and the shared ones
 * @param closed set when the store (for a tenant: its parent) closes
 * @param ownedPool the pool this store closes, or {@code null} when it closes none
 * @param root whether {@code close()} closes this store (false for a tenant's view)
 * @param tenants what {@code forTenant} and {@code tenants()} answer
 * @param tenantId the tenant whose store this is, {@code null} for a store that is no tenant's
 * @param tenant the tenant its SQL keeps to within shared tables: a conjoined tenant's view, else
 *     {@link TenantFilter#NONE}
 * @param conjoinedTables whether the tenant documents' tables among {@code owned} keep many tenants apart by a
 *     {@code tenant_id} (a conjoined store's own schema)
 */
record StorePlacement(
    String schema, List<DocumentMapping<?, ?>> owned, DocumentTables tables, AtomicBoolean closed,
    HikariDataSource ownedPool, boolean root, TenantAccess tenants, String tenantId, TenantFilter tenant,
    boolean conjoinedTables) {}
