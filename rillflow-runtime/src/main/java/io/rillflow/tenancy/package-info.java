/**
 * Multi-tenancy: how a store keeps tenants apart ({@link io.rillflow.tenancy.Tenancy}), the tenants
 * it has provisioned ({@link io.rillflow.tenancy.Tenants}), and the errors of work that names no
 * tenant or an unknown one.
 */
package io.rillflow.tenancy;
