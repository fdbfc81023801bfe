package io.rillflow.internal.tenancy;

import io.rillflow.tenancy.Tenants;

/** A store's tenants as its tenanted store holds them: the public {@link Tenants}, the views, and their end. */
public interface TenantDirectory extends Tenants, TenantAccess {

  /** Stops the tenants' daemon and every tenant's store; the store is closing. */
  void close();
}
