package io.rillflow.internal.projections;

import io.rillflow.DocumentSession;
import io.rillflow.projections.ProjectionContext;
import java.sql.Connection;
import java.util.Optional;

/**
 * A projection's view of one transaction: a session joined to it, opened on first use, saved by
 * {@link #flush()} before the owner writes the checkpoint (async) or commits the append (inline).
 */
final class TransactionContext implements ProjectionContext {
  private final String name;
  private final String schema;
  private final Connection connection;
  private final SessionOpener sessions;
  private DocumentSession session;

  TransactionContext(String name, String schema, Connection connection, SessionOpener sessions) {
    this.name = name;
    this.schema = schema;
    this.connection = connection;
    this.sessions = sessions;
  }

  @Override
  public String projectionName() {
    return name;
  }

  @Override
  public String schemaName() {
    return schema;
  }

  @Override
  public Optional<String> tenantId() {
    return sessions.tenantId();
  }

  @Override
  public DocumentSession session() {
    if (session == null) {
      session = sessions.open(connection);
    }
    return session;
  }

  @Override
  public Connection connection() {
    return connection;
  }

  /** Writes what the session holds, in the transaction. */
  void flush() {
    if (session != null && session.pendingChanges() > 0) {
      session.saveChanges();
    }
  }
}
