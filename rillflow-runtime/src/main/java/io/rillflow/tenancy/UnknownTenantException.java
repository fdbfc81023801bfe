package io.rillflow.tenancy;

import io.rillflow.RillflowException;

/** A tenant id that the store has not provisioned (or whose storage is gone), named in the message. */
public class UnknownTenantException extends RillflowException {
  private static final long serialVersionUID = 1L;
  private final String tenantId;

  /** Creates the exception; {@code detail} says what is missing and how to fix it. */
  public UnknownTenantException(String tenantId, String detail) {
    super("Unknown tenant \"" + tenantId + "\": " + detail);
    this.tenantId = tenantId;
  }

  /** The tenant the work named. */
  public String tenantId() {
    return tenantId;
  }
}
