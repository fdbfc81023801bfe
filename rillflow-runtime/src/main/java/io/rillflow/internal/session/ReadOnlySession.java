package io.rillflow.internal.session;

import io.rillflow.QuerySession;
import io.rillflow.DocumentQuery;
import io.rillflow.internal.document.DocumentTable;
import io.rillflow.internal.document.DocumentTables;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** {@link io.rillflow.DocumentStore#querySession()}: reads only, nothing remembered. */
final class ReadOnlySession implements QuerySession {
  private final DocumentTables tables;
  private final DocumentReads reads;

  ReadOnlySession(DocumentTables tables, DocumentReads reads) {
    this.tables = tables;
    this.reads = reads;
  }

  @Override
  public <T> Optional<T> load(Class<T> type, Object id) {
    DocumentTable<T, Object> table = tables.of(type);
    return Optional.ofNullable(reads.load(table, table.checkedId(id)));
  }

  @Override
  public <T> List<T> loadMany(Class<T> type, Collection<?> ids) {
    DocumentTable<T, Object> table = tables.of(type);
    ids.forEach(table::checkedId);
    return DocumentReads.inOrder(ids, reads.loadMany(table, ids));
  }

  @Override
  public <T> boolean exists(Class<T> type, Object id) {
    DocumentTable<T, Object> table = tables.of(type);
    return reads.exists(table, table.checkedId(id));
  }

  @Override
  public <T> DocumentQuery<T> query(Class<T> type) {
    return reads.query(tables.of(type), UnaryOperator.identity());
  }

  @Override
  public void close() {}
}
