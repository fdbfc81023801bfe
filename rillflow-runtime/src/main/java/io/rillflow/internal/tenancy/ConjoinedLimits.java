package io.rillflow.internal.tenancy;

/**
 * What a tenant of a {@code Tenancy.conjoined()} store cannot do in this version, said in one place:
 * Rillflow's own tables (streams, events, snapshots, projections, subscriptions) do not carry a tenant
 * yet, so every piece of event work is refused rather than written where all tenants would read it.
 */
public final class ConjoinedLimits {
  private static final String WHY = " is not available to a tenant of a Tenancy.conjoined() store in this version:"
      + " its documents are kept per tenant, Rillflow's event tables not yet. Use Tenancy.schemaPerTenant() for"
      + " events, aggregates, projections, subscriptions and snapshots per tenant";
  /** The message of a session's append on a conjoined tenant's store; a constant, so opening a session builds none. */
  public static final String SESSION_EVENTS = "session.events()" + WHY;

  private ConjoinedLimits() {}

  /** The refusal of {@code operation} (event work) on a conjoined tenant's store. */
  public static UnsupportedOperationException eventsNotYet(String operation) {
    return new UnsupportedOperationException(operation + WHY);
  }

  /** The refusal of {@code operation} of {@code tenants()} that conjoined tenancy does not have yet. */
  public static UnsupportedOperationException tenantsNotYet(String operation) {
    return new UnsupportedOperationException("tenants()." + operation + " is not available with Tenancy.conjoined()"
        + " in this version (it is with Tenancy.schemaPerTenant())");
  }
}
