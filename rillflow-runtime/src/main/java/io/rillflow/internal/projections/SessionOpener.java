package io.rillflow.internal.projections;

import io.rillflow.DocumentSession;
import java.sql.Connection;

/**
 * What projections need of their store: sessions that join a projection's transaction (an append's
 * for inline projections, a daemon batch's for async ones), its schema and its trace.
 */
public interface SessionOpener {
  /** A session whose {@code saveChanges()} writes in {@code transaction} and leaves it to its owner. */
  DocumentSession open(Connection transaction);

  /** The store's schema. */
  String schema();

  /** The tenant whose store this is, empty for a store that is no tenant's. */
  java.util.Optional<String> tenantId();

  /** The store's breadcrumbs. */
  io.rillflow.Trace trace();
}
