package io.rillflow.events;

import io.rillflow.DocumentStore;

/**
 * What reads do with a stored event whose type name no registered {@code @Event} class has, for
 * example one written by a newer version of the application or by a type since removed.
 *
 * <pre>{@code
 * DocumentStore.builder()....unknownEventTypes(UnknownEventTypes.SKIP).build();
 * }</pre>
 */
public enum UnknownEventTypes {
  /** Fail the read with {@link UnknownEventTypeException} (the default). */
  FAIL,
  /**
   * Leave the event out of what the read returns, logging each one left out at WARN with its type
   * and position. For global readers that must not stop on events that are not theirs.
   */
  SKIP
}
