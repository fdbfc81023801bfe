package io.rillflow.internal.sql;

/**
 * What a tenant of a {@code Tenancy.conjoined()} store cannot do in this version, said in one place:
 * the Rillflow tables that do not carry a tenant yet (event tags, stream aliases,
 * store-wide idempotency keys) are refused rather than
 * written or read where every tenant would see them.
 */
public final class ConjoinedLimits {
  private static final String WHY = " is not available to a tenant of a Tenancy.conjoined() store in this version:"
      + " documents, streams, events, snapshots, projections and subscriptions are kept per tenant;"
      + " event tags (DCB queries and conditions) and stream aliases not yet. Use Tenancy.schemaPerTenant() for those per tenant";
  /** The message of a session's conditional append on a conjoined tenant's store; a constant, so opening a session builds none. */
  public static final String SESSION_CONDITIONS = "session.events().append(AppendCondition, ..)" + WHY;

  private ConjoinedLimits() {}

  /** The refusal of {@code operation} on a conjoined tenant's store. */
  public static UnsupportedOperationException notYet(String operation) {
    return new UnsupportedOperationException(operation + WHY);
  }
}
