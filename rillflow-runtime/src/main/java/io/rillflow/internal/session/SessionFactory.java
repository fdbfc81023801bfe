package io.rillflow.internal.session;

import io.rillflow.DocumentSession;
import io.rillflow.QuerySession;
import io.rillflow.internal.document.DocumentTables;
import io.rillflow.internal.events.SessionAppends;
import java.util.function.Supplier;
import javax.sql.DataSource;

/** Makes the three kinds of session of one store; holds what they share. */
public final class SessionFactory {
  private final DocumentTables tables;
  private final DocumentReads reads;
  private final ChangeWriter writer;
  private final Supplier<SessionAppends> appends;

  public SessionFactory(DocumentTables tables, DataSource dataSource, Supplier<SessionAppends> appends) {
    this.tables = tables;
    this.reads = new DocumentReads(dataSource);
    this.writer = new ChangeWriter(dataSource);
    this.appends = appends;
  }

  public DocumentSession openSession() {
    return new UnitOfWorkSession(tables, reads, writer, new IdentityMap(), appends.get());
  }

  public DocumentSession lightweightSession() {
    return new UnitOfWorkSession(tables, reads, writer, null, appends.get());
  }

  public QuerySession querySession() {
    return new ReadOnlySession(tables, reads);
  }
}
