package io.rillflow.internal.session;

import io.rillflow.query.DocumentQuery;
import io.rillflow.DocumentMetadata;
import io.rillflow.QuerySession;
import io.rillflow.internal.document.DocumentTable;
import io.rillflow.internal.document.DocumentTables;
import io.rillflow.internal.events.SessionAppends;
import io.rillflow.internal.query.DeleteQueue;
import io.rillflow.internal.sql.ConnectionScope;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** {@link io.rillflow.DocumentStore#querySession()}: reads only, nothing remembered. */
final class ReadOnlySession implements QuerySession, BoundSession {
  private final DocumentTables tables;
  private final DocumentReads reads;
  private static final DeleteQueue READ_ONLY = (table, sql, values) -> {
    throw new UnsupportedOperationException("A query session reads only; delete in a DocumentSession");
  };
  private boolean closed;
  private final ConnectionScope scope;

  ReadOnlySession(DocumentTables tables, DocumentReads reads, ConnectionScope scope) {
    this.tables = tables;
    this.reads = reads;
    this.scope = scope;
  }

  @Override
  public <T> Optional<T> load(Class<T> type, Object id) {
    checkOpen();
    DocumentTable<T, Object> table = tables.of(type);
    return Optional.ofNullable(reads.load(scope, table, table.checkedId(id)));
  }

  @Override
  public <T> List<T> loadMany(Class<T> type, Collection<?> given) {
    checkOpen();
    DocumentTable<T, Object> table = tables.of(type);
    List<Object> ids = given.stream().map(table::checkedId).toList();
    return DocumentReads.inOrder(ids, reads.loadMany(scope, table, ids));
  }

  @Override
  public <T> boolean exists(Class<T> type, Object id) {
    checkOpen();
    DocumentTable<T, Object> table = tables.of(type);
    return reads.exists(scope, table, table.checkedId(id));
  }

  @Override
  public <T> Optional<DocumentMetadata> metadata(Class<T> type, Object id) {
    checkOpen();
    DocumentTable<T, Object> table = tables.of(type);
    return Optional.ofNullable(reads.metadata(scope, table, table.checkedId(id)));
  }

  @Override
  public <T> DocumentQuery<T> query(Class<T> type) {
    checkOpen();
    return reads.query(scope, tables.of(type), UnaryOperator.identity());
  }

  @Override
  public ConnectionScope scope() {
    return scope;
  }

  @Override
  public <T> UnaryOperator<T> resolver(DocumentTable<T, Object> table) {
    return UnaryOperator.identity();
  }

  @Override
  public SessionAppends appends() {
    throw new UnsupportedOperationException("A query session reads only; append in a DocumentSession");
  }

  @Override
  public DeleteQueue deletes() {
    return READ_ONLY;
  }

  @Override
  public <T> T saved(T document) {
    return document;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("This session is closed; open a new one");
    }
  }

  @Override
  public void close() {
    closed = true;
  }
}
