package io.rillflow.internal.projections;

import io.rillflow.DocumentSession;
import io.rillflow.ProjectionContext;
import java.sql.Connection;

/**
 * A projection's view of one transaction: a session opened on first use, saved by {@link #flush()}
 * before the owner writes the checkpoint (async) or commits the append (inline).
 */
final class TransactionContext implements ProjectionContext {
  private final String name;
  private final String schema;
  private final EnlistedDataSource dataSource;
  private final SessionOpener sessions;
  private DocumentSession session;

  TransactionContext(String name, String schema, Connection connection, SessionOpener sessions) {
    this.name = name;
    this.schema = schema;
    this.dataSource = new EnlistedDataSource(connection);
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
  public DocumentSession session() {
    if (session == null) {
      session = sessions.open(dataSource);
    }
    return session;
  }

  @Override
  public Connection connection() {
    return dataSource.getConnection();
  }

  /** Writes what the session holds, in the transaction. */
  void flush() {
    if (session != null && session.pendingChanges() > 0) {
      session.saveChanges();
    }
  }
}
