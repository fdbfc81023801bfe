package io.rillflow.internal;

import io.rillflow.DocumentSession;
import io.rillflow.Trace;
import io.rillflow.internal.projections.SessionOpener;
import io.rillflow.internal.session.SessionFactory;
import java.sql.Connection;
import java.util.Optional;

/**
 * The sessions a store's projections write through: joined to one transaction (an append's or a
 * daemon batch's), their appends not projected again.
 */
final class ProjectionSessions implements SessionOpener {
  private final SessionFactory sessions;
  private final String schema;
  /** The tenant whose store this is, {@code null} for a store that is no tenant's. */
  private final String tenantId;
  private final Trace trace;

  ProjectionSessions(SessionFactory sessions, String schema, String tenantId, Trace trace) {
    this.sessions = sessions;
    this.schema = schema;
    this.tenantId = tenantId;
    this.trace = trace;
  }

  @Override
  public DocumentSession open(Connection transaction) {
    return sessions.projectionSession(transaction);
  }

  @Override
  public String schema() {
    return schema;
  }

  @Override
  public Optional<String> tenantId() {
    return Optional.ofNullable(tenantId);
  }

  @Override
  public Trace trace() {
    return trace;
  }
}
