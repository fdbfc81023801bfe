package io.rillflow.tenancy;

import io.rillflow.RillflowException;

/**
 * Work on a store with tenancy that named no tenant: a multi-tenant store has no default tenant, so
 * that data is never written to, or read from, a tenant by accident. Use {@code store.forTenant(id)}.
 */
public class TenantRequiredException extends RillflowException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception for an operation, named in the message. */
  public TenantRequiredException(String operation) {
    super(operation + " needs a tenant: this store has tenancy, so call store.forTenant(tenantId)."
        + operation + " instead (there is no default tenant)");
  }
}
