package io.rillflow.annotations;

/** Where an {@link Aggregate}'s current state lives besides its event stream. */
public enum Lifecycle {
  /** Folded from the events each time it is loaded; nothing else is stored. */
  LIVE,
  /** Also stored as a document in the same transaction as the append. */
  INLINE,
  /** Also stored as a document, by the projection daemon after the append commits. */
  ASYNC
}
