package io.rillflow.internal.session;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rillflow.DocumentSession;
import io.rillflow.QuerySession;
import io.rillflow.internal.document.DocumentTable;
import io.rillflow.internal.document.DocumentTables;
import io.rillflow.internal.events.SessionAppends;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/** Makes the three kinds of session of one store; holds what they share. */
public final class SessionFactory {
  private final DocumentTables tables;
  private final DocumentReads reads;
  private final ChangeWriter writer;
  private final Supplier<SessionAppends> appends;

  public SessionFactory(DocumentTables tables, DataSource dataSource, ObjectMapper mapper,
      Supplier<SessionAppends> appends) {
    this.tables = tables;
    this.reads = new DocumentReads(dataSource, mapper);
    this.writer = new ChangeWriter(dataSource);
    this.appends = appends;
  }

  public DocumentSession openSession() {
    return new UnitOfWorkSession(tables, reads, writer, new IdentityMap(), appends.get());
  }

  public DocumentSession lightweightSession() {
    return new UnitOfWorkSession(tables, reads, writer, null, appends.get());
  }

  /**
   * How documents a query finds become the instances {@code session} holds: through its identity
   * map when it is an open session, unchanged otherwise.
   */
  public <T> UnaryOperator<T> identityResolver(DocumentSession session, DocumentTable<T, Object> table) {
    return session instanceof UnitOfWorkSession unitOfWork ? unitOfWork.resolver(table) : UnaryOperator.identity();
  }

  public QuerySession querySession() {
    return new ReadOnlySession(tables, reads);
  }
}
