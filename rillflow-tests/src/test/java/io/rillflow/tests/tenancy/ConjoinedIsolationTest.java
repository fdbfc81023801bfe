package io.rillflow.tests.tenancy;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.tenancy.Tenancy;
import org.junit.jupiter.api.Test;

/**
 * The isolation suite with conjoined tenants: one set of tables, a tenant_id leading every key. Every
 * case of the suite runs but subscriptions, which this version refuses on a conjoined tenant (their
 * tables do not carry a tenant yet): that case asserts the refusal instead.
 */
class ConjoinedIsolationTest extends TenantIsolationSuite {
  @Override
  protected Tenancy tenancy() {
    return Tenancy.conjoined();
  }

  @Override
  @Test
  void aSubscriptionDeliversOnlyItsTenantsEvents() {
    assertThatThrownBy(() -> forTenant("alpha").subscriptions()).isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("subscriptions()").hasMessageContaining("Tenancy.conjoined()");
  }
}
