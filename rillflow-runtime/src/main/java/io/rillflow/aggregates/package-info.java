/**
 * Event-sourced aggregates: {@link io.rillflow.aggregates.AggregateRepository} (load, load for
 * write, append, decide-and-append), its session form, and invariants checked before commit.
 */
package io.rillflow.aggregates;
