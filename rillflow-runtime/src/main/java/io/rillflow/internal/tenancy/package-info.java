/** Tenancy's machinery: tenant schemas, the tenant registry, provisioning, export and import. */
package io.rillflow.internal.tenancy;
