package io.rillflow.internal.projections;

import io.rillflow.DocumentSession;
import java.sql.Connection;

/** Opens a session of the store that joins a projection's transaction: an append's (inline) or a daemon batch's. */
public interface SessionOpener {
  /** A session whose {@code saveChanges()} writes in {@code transaction} and leaves it to its owner. */
  DocumentSession open(Connection transaction);

  /** The store's schema. */
  String schema();
}
