/**
 * Projections: the {@link io.rillflow.projections.Projection} interface, inline and async
 * lifecycles, the daemon that runs async ones under a lease, their status and dead letters.
 */
package io.rillflow.projections;
