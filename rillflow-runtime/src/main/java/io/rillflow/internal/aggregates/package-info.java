/**
 * Aggregates as one store runs them: loading (newest snapshot, then the events after it, folded by
 * the generated {@code <Type>_Aggregate}), and the work that follows an append in its transaction
 * (invariant check, snapshot, inline document).
 */
package io.rillflow.internal.aggregates;
