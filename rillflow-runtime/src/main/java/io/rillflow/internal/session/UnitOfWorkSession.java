package io.rillflow.internal.session;

import io.rillflow.DocumentPatch;
import io.rillflow.query.DocumentQuery;
import io.rillflow.DocumentMetadata;
import io.rillflow.DocumentSession;
import io.rillflow.events.SessionEvents;
import io.rillflow.internal.document.DocumentTable;
import io.rillflow.internal.document.DocumentTables;
import io.rillflow.internal.events.SessionAppends;
import io.rillflow.internal.query.DeleteQueue;
import io.rillflow.internal.sql.ConnectionScope;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import io.rillflow.internal.tracing.TracedWork;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * {@link io.rillflow.DocumentStore#openSession()} (with an {@link IdentityMap}) and
 * {@link io.rillflow.DocumentStore#lightweightSession()} (with {@link IdentityMap#NONE}), on an
 * owned or a joined {@link ConnectionScope}.
 */
final class UnitOfWorkSession implements DocumentSession, BoundSession {
  private final DocumentTables tables;
  private final DocumentReads reads;
  private boolean closed;
  private final ChangeWriter writer;
  private final ConnectionScope scope;
  private final IdentityMap identityMap;
  private final PendingWrites pending = new PendingWrites();
  private final SessionAppends appends;
  /** What each document written by the last saveChanges() became: a record's copy at its new version. */
  private final Map<Object, Object> savedAs = new IdentityHashMap<>();
  private final DeleteQueue deletes = (table, sql, values) -> {
    checkOpen();
    pending.queue(new DeleteWhereWrite(table, sql, values));
    return true;
  };

  UnitOfWorkSession(DocumentTables tables, DocumentReads reads, ChangeWriter writer, ConnectionScope scope,
      IdentityMap identityMap, SessionAppends appends) {
    this.tables = tables;
    this.reads = reads;
    this.writer = writer;
    this.scope = scope;
    this.identityMap = identityMap;
    this.appends = appends;
  }

  @Override
  public <T> Optional<T> load(Class<T> type, Object id) {
    checkOpen();
    DocumentTable<T, Object> table = tables.of(type);
    Object checked = table.checkedId(id);
    T known = identityMap.get(type, checked);
    if (known != null) {
      return Optional.of(known);
    }
    T document = reads.load(scope, table, checked);
    if (document != null) {
      identityMap.put(type, checked, document);
    }
    return Optional.ofNullable(document);
  }

  @Override
  public <T> List<T> loadMany(Class<T> type, Collection<?> given) {
    checkOpen();
    DocumentTable<T, Object> table = tables.of(type);
    List<Object> ids = given.stream().map(table::checkedId).toList();
    Map<Object, T> found = new HashMap<>();
    List<Object> missing = new ArrayList<>();
    for (Object id : ids) {
      T known = identityMap.get(type, id);
      if (known != null) {
        found.put(id, known);
      } else {
        missing.add(id);
      }
    }
    Map<Object, T> loaded = reads.loadMany(scope, table, missing);
    loaded.forEach((id, document) -> identityMap.put(type, id, document));
    found.putAll(loaded);
    return DocumentReads.inOrder(ids, found);
  }

  @Override
  public void store(Object... documents) {
    checkOpen();
    for (Object document : documents) {
      DocumentTable<Object, Object> table = tables.ofInstance(document);
      Object id = table.idOf(document);
      if (table.versioned()) {
        long version = table.mapping().version(document);
        queue(table, id, document, version == 0
            ? new DocumentWrite.Insert(table, id, document, true)
            : new DocumentWrite.VersionedUpdate(table, id, document, version));
      } else {
        queue(table, id, document, new DocumentWrite.Upsert(table, id, document));
      }
    }
  }

  @Override
  public void insert(Object... documents) {
    checkOpen();
    for (Object document : documents) {
      DocumentTable<Object, Object> table = tables.ofInstance(document);
      Object id = table.idOf(document);
      queue(table, id, document, new DocumentWrite.Insert(table, id, document, false));
    }
  }

  @Override
  public void update(Object... documents) {
    checkOpen();
    for (Object document : documents) {
      DocumentTable<Object, Object> table = tables.ofInstance(document);
      Object id = table.checkedId(table.mapping().id(document));
      if (table.versioned()) {
        long version = table.mapping().version(document);
        if (version == 0) {
          throw new IllegalArgumentException(table.typeName() + " " + id + " carries version 0, so it was "
              + "never loaded or stored; use store() or insert() for a new document");
        }
        queue(table, id, document, new DocumentWrite.VersionedUpdate(table, id, document, version));
      } else {
        queue(table, id, document, new DocumentWrite.Update(table, id, document));
      }
    }
  }

  @Override
  public void update(Object document, long expectedVersion) {
    checkOpen();
    if (expectedVersion < 0) {
      throw new IllegalArgumentException("expectedVersion must be 0 (new) or more, but was " + expectedVersion);
    }
    DocumentTable<Object, Object> table = tables.ofInstance(document);
    Object id = table.idOf(document);
    queue(table, id, document, expectedVersion == 0
        ? new DocumentWrite.Insert(table, id, document, true)
        : new DocumentWrite.VersionedUpdate(table, id, document, expectedVersion));
  }

  @Override
  public void delete(Object document) {
    checkOpen();
    DocumentTable<Object, Object> table = tables.ofInstance(document);
    Object id = table.checkedId(table.mapping().id(document));
    long version = table.versioned() ? table.mapping().version(document) : 0;
    pending.queue(version > 0 ? new RowWrite.VersionedDelete(table, id, version) : new RowWrite.Delete(table, id));
    forget(table, id);
  }

  @Override
  public <T> void deleteById(Class<T> type, Object id) {
    checkOpen();
    DocumentTable<Object, Object> table = tables.ofObjects(type);
    Object checked = table.checkedId(id);
    pending.queue(new RowWrite.Delete(table, checked));
    forget(table, checked);
  }

  @Override
  public <T> void restore(Class<T> type, Object id) {
    checkOpen();
    DocumentTable<Object, Object> table = tables.ofObjects(type);
    if (!table.mapping().softDelete()) {
      throw new IllegalArgumentException(type.getSimpleName() + " does not use soft deletes, so a deleted one "
          + "cannot be restored; use @Document(softDelete = true)");
    }
    pending.queue(new RowWrite.Restore(table, table.checkedId(id)));
  }

  @Override
  public <T> DocumentPatch<T> patch(Class<T> type, Object id) {
    checkOpen();
    DocumentTable<Object, Object> table = tables.ofObjects(type);
    Object checked = table.checkedId(id);
    JsonPatch<T> patch = new JsonPatch<>(table, table.valueWriter());
    pending.queue(new RowWrite.Patch(table, checked, patch));
    // The instance in the identity map would no longer match the row.
    forget(table, checked);
    return patch;
  }

  @Override
  public DeleteQueue deletes() {
    return deletes;
  }

  @Override
  public SessionEvents events() {
    checkOpen();
    return appends;
  }

  @Override
  public void saveChanges() {
    checkOpen();
    try (TracedWork span = reads.tracing().saveChanges(pending.size())) {
      try {
        writer.write(scope, pending.list(), appends);
      } catch (RuntimeException e) {
        span.failed(e);
        throw e;
      }
    }
    if (!scope.joined()) {
      // A joined transaction commits later, under its owner: the daemons find its events when they poll.
      appends.committed();
    }
    savedAs.clear();
    for (PendingWrite write : pending.list()) {
      afterWrite(write);
    }
    pending.clear();
    appends.clear();
  }

  /** Brings the identity map up to what a write made of the database. */
  private void afterWrite(PendingWrite write) {
    if (write instanceof DocumentWrite document && document.versionAfter() > 0) {
      // A mutable document learns its new version; a record is replaced by a copy carrying it.
      Object saved = document.table().mapping().withVersion(document.document(), document.versionAfter());
      savedAs.put(document.document(), saved);
      identityMap.replace(document.table().mapping().documentType(), document.id(), document.document(), saved);
    } else if (write instanceof DeleteWhereWrite delete) {
      Class<?> type = delete.table().mapping().documentType();
      delete.deleted().forEach(id -> identityMap.remove(type, id));
    }
  }

  @Override
  public <T> T saved(T document) {
    @SuppressWarnings("unchecked")
    T saved = (T) savedAs.get(document);
    return saved != null ? saved : document;
  }

  @Override
  public int pendingChanges() {
    return pending.size() + appends.pendingAppends();
  }

  @Override
  public void eject(Object document) {
    DocumentTable<Object, Object> table = tables.ofInstance(document);
    Object id = table.mapping().id(document);
    if (id == null) {
      return;
    }
    forget(table, id);
    pending.remove(document.getClass(), id);
  }

  @Override
  public void ejectAll() {
    identityMap.clear();
    pending.clear();
    appends.clear();
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
    DocumentTable<T, Object> table = tables.of(type);
    return reads.query(scope, table, resolver(table));
  }

  @Override
  public ConnectionScope scope() {
    return scope;
  }

  @Override
  public SessionAppends appends() {
    return appends;
  }

  @Override
  public <T> UnaryOperator<T> resolver(DocumentTable<T, Object> table) {
    return identityMap.resolver(table);
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("This session is closed; open a new one");
    }
  }

  @Override
  public void close() {
    closed = true;
    pending.clear();
    appends.clear();
  }

  private void queue(DocumentTable<Object, Object> table, Object id, Object document, DocumentWrite write) {
    pending.queue(write);
    identityMap.put(table.mapping().documentType(), id, document);
  }

  private void forget(DocumentTable<Object, Object> table, Object id) {
    identityMap.remove(table.mapping().documentType(), id);
  }
}
