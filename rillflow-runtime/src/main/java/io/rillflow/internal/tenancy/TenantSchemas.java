package io.rillflow.internal.tenancy;

import io.rillflow.internal.sql.Identifiers;

/**
 * The one rule that turns a tenant id into a schema name: {@code <store schema>_<tenant id>}. A tenant
 * id is an identifier that starts with a letter (lower case letters, digits, underscores), short
 * enough that the schema name fits PostgreSQL's 63 bytes; anything else is refused here, naming it, so
 * no tenant id reaches SQL text unchecked.
 */
public final class TenantSchemas {
  /** The longest store schema that still leaves tenant ids of 22 characters. */
  public static final int LONGEST_STORE_SCHEMA = 40;
  private static final int LONGEST_IDENTIFIER = 63;

  private final String storeSchema;

  public TenantSchemas(String storeSchema) {
    this.storeSchema = storeSchema;
  }

  /**
   * The schema of {@code tenantId}.
   *
   * @throws IllegalArgumentException naming the id and what is wrong with it
   */
  public String schemaOf(String tenantId) {
    check(tenantId);
    return storeSchema + "_" + tenantId;
  }

  /**
   * Checks {@code tenantId} against the tenant id rule.
   *
   * @throws IllegalArgumentException naming the id and what is wrong with it
   */
  public void check(String tenantId) {
    if (tenantId == null || tenantId.isEmpty()) {
      throw new IllegalArgumentException("A tenant id cannot be null or empty");
    }
    int longest = LONGEST_IDENTIFIER - storeSchema.length() - 1;
    char first = tenantId.charAt(0);
    String problem = first < 'a' || first > 'z' ? "must start with a letter"
        : tenantId.length() > longest ? "is longer than " + longest + " characters (the schema name <"
            + storeSchema + ">_<tenant id> must fit 63)"
        : Identifiers.problemWith(tenantId);
    if (problem != null) {
      throw new IllegalArgumentException("Tenant id \"" + tenantId + "\" " + problem
          + ": tenant ids are lower case letters, digits and underscores, starting with a letter");
    }
  }
}
