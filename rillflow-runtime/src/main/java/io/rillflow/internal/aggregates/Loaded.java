package io.rillflow.internal.aggregates;

/**
 * A state as loaded, with the stream version it reflects.
 *
 * @param state the state; {@code null} when no handler created one
 * @param version the version of the last event folded into it
 */
record Loaded<A>(A state, long version) {}
