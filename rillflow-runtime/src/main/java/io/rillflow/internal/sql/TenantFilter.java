package io.rillflow.internal.sql;

import java.nio.charset.StandardCharsets;

/**
 * How one store's SQL keeps to its tenant, decided once per store: {@link #NONE} for a store whose tables
 * hold one tenant (single, schema per tenant, database per tenant), where every method adds nothing; a
 * conjoined tenant's filter, where the tenant's id leads every key ({@code tenant_id, id}), every insert
 * writes it and every condition starts with it.
 *
 * <p>The id goes into the SQL text as a literal ({@link Identifiers#literal}: a checked identifier),
 * not as a bound parameter, so that every statement keeps its parameters and their order in every mode
 * and the one place that builds a statement builds it for every mode. The cost is one text per
 * (statement, tenant), built when the tenant's store is first opened and cached with it, as schema per
 * tenant has one text per (statement, schema); the server prepares each text per connection.
 */
public final class TenantFilter {
  /** The column a conjoined table keeps its tenant in. */
  public static final String COLUMN = "tenant_id";
  /** No tenant column: the SQL of a store that never heard of tenants. */
  public static final TenantFilter NONE = new TenantFilter(null);

  private final String tenantId;
  private final String literal;
  private final String predicate;
  private final byte[] copyText;

  private TenantFilter(String tenantId) {
    this.tenantId = tenantId;
    this.literal = tenantId == null ? null : Identifiers.literal(tenantId);
    this.predicate = tenantId == null ? null : COLUMN + " = " + literal;
    this.copyText = tenantId == null ? new byte[0] : tenantId.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The filter of one conjoined tenant.
   *
   * @throws IllegalArgumentException when {@code tenantId} is not an identifier
   */
  public static TenantFilter of(String tenantId) {
    return new TenantFilter(java.util.Objects.requireNonNull(tenantId, "tenantId"));
  }

  /** Whether rows carry a tenant: false for {@link #NONE}. */
  public boolean conjoined() {
    return predicate != null;
  }

  /** The tenant's id, or {@code null} for {@link #NONE}: for keys computed outside SQL (advisory locks). */
  public String tenantId() {
    return tenantId;
  }

  /** {@code tenant_id = 'acme'}, or {@code null} for none: what leads a rule-book condition. */
  public String predicate() {
    return predicate;
  }

  /** {@code " AND tenant_id = 'acme'"} to follow a condition on the key, or "". */
  public String and() {
    return predicate == null ? "" : " AND " + predicate;
  }

  /** {@code " AND st.tenant_id = 'acme'"} for the table known as {@code alias} in a join, or "". */
  public String and(String alias) {
    return predicate == null ? "" : " AND " + alias + "." + predicate;
  }

  /** {@code "tenant_id = 'acme' AND "} in front of a condition, or "". */
  public String leading() {
    return predicate == null ? "" : predicate + " AND ";
  }

  /** {@code "st.tenant_id = 'acme' AND "} in front of a condition, for the table known as {@code alias}, or "". */
  public String leading(String alias) {
    return predicate == null ? "" : alias + "." + predicate + " AND ";
  }

  /** {@code " WHERE tenant_id = 'acme'"} for a statement with no other condition, or "". */
  public String where() {
    return predicate == null ? "" : " WHERE " + predicate;
  }

  /** {@code "tenant_id, "} in front of a key or an insert's column list, or "". */
  public String column() {
    return predicate == null ? "" : COLUMN + ", ";
  }

  /** {@code "'acme', "} in front of an insert's values, matching {@link #column()}, or "". */
  public String value() {
    return predicate == null ? "" : literal + ", ";
  }

  /** The tenant id as a COPY text field (an identifier: nothing to escape), empty for none. */
  public byte[] copyText() {
    return copyText.clone();
  }

  @Override
  public String toString() {
    return predicate == null ? "TenantFilter.NONE" : "TenantFilter[" + predicate + "]";
  }
}
