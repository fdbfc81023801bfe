package io.rillflow.internal.session;

import io.rillflow.DocumentPatch;
import io.rillflow.DocumentSession;
import io.rillflow.DocumentQuery;
import io.rillflow.SessionEvents;
import io.rillflow.internal.document.DocumentTable;
import io.rillflow.internal.document.DocumentTables;
import io.rillflow.internal.events.SessionAppends;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * {@link io.rillflow.DocumentStore#openSession()} (with an {@link IdentityMap}) and
 * {@link io.rillflow.DocumentStore#lightweightSession()} (without one).
 */
final class UnitOfWorkSession implements DocumentSession {
  private final DocumentTables tables;
  private final DocumentReads reads;
  private final ChangeWriter writer;
  /** {@code null} in a lightweight session. */
  private final IdentityMap identityMap;
  private final List<PendingWrite> pending = new ArrayList<>();
  private final SessionAppends appends;

  UnitOfWorkSession(DocumentTables tables, DocumentReads reads, ChangeWriter writer, IdentityMap identityMap,
      SessionAppends appends) {
    this.tables = tables;
    this.reads = reads;
    this.writer = writer;
    this.identityMap = identityMap;
    this.appends = appends;
  }

  @Override
  public <T> Optional<T> load(Class<T> type, Object id) {
    DocumentTable<T, Object> table = tables.of(type);
    Object checked = table.checkedId(id);
    if (identityMap != null) {
      T known = identityMap.get(type, checked);
      if (known != null) {
        return Optional.of(known);
      }
    }
    T document = reads.load(table, checked);
    if (document != null && identityMap != null) {
      identityMap.put(type, checked, document);
    }
    return Optional.ofNullable(document);
  }

  @Override
  public <T> List<T> loadMany(Class<T> type, Collection<?> ids) {
    DocumentTable<T, Object> table = tables.of(type);
    ids.forEach(table::checkedId);
    Map<Object, T> found = new HashMap<>();
    List<Object> missing = new ArrayList<>();
    for (Object id : ids) {
      T known = identityMap == null ? null : identityMap.get(type, id);
      if (known != null) {
        found.put(id, known);
      } else {
        missing.add(id);
      }
    }
    Map<Object, T> loaded = reads.loadMany(table, missing);
    if (identityMap != null) {
      loaded.forEach((id, document) -> identityMap.put(type, id, document));
    }
    found.putAll(loaded);
    return DocumentReads.inOrder(ids, found);
  }

  @Override
  public void store(Object... documents) {
    for (Object document : documents) {
      DocumentTable<Object, Object> table = tables.ofInstance(document);
      Object id = table.idOf(document);
      if (table.versioned()) {
        long version = table.mapping().version(document);
        queue(table, id, document, version == 0
            ? PendingWrite.insert(table, id, document, true)
            : PendingWrite.updateAtVersion(table, id, document, version));
      } else {
        queue(table, id, document, PendingWrite.upsert(table, id, document));
      }
    }
  }

  @Override
  public void insert(Object... documents) {
    for (Object document : documents) {
      DocumentTable<Object, Object> table = tables.ofInstance(document);
      Object id = table.idOf(document);
      queue(table, id, document, PendingWrite.insert(table, id, document, false));
    }
  }

  @Override
  public void update(Object... documents) {
    for (Object document : documents) {
      DocumentTable<Object, Object> table = tables.ofInstance(document);
      Object id = table.checkedId(table.mapping().id(document));
      if (table.versioned()) {
        long version = table.mapping().version(document);
        if (version == 0) {
          throw new IllegalArgumentException(table.typeName() + " " + id + " carries version 0, so it was "
              + "never loaded or stored; use store() or insert() for a new document");
        }
        queue(table, id, document, PendingWrite.updateAtVersion(table, id, document, version));
      } else {
        queue(table, id, document, PendingWrite.update(table, id, document));
      }
    }
  }

  @Override
  public void update(Object document, long expectedVersion) {
    if (expectedVersion < 0) {
      throw new IllegalArgumentException("expectedVersion must be 0 (new) or more, but was " + expectedVersion);
    }
    DocumentTable<Object, Object> table = tables.ofInstance(document);
    Object id = table.idOf(document);
    queue(table, id, document, expectedVersion == 0
        ? PendingWrite.insert(table, id, document, true)
        : PendingWrite.updateAtVersion(table, id, document, expectedVersion));
  }

  @Override
  public void delete(Object document) {
    DocumentTable<Object, Object> table = tables.ofInstance(document);
    Object id = table.checkedId(table.mapping().id(document));
    long version = table.versioned() ? table.mapping().version(document) : 0;
    pending.add(version > 0 ? PendingWrite.deleteAtVersion(table, id, version) : PendingWrite.delete(table, id));
    forget(table, id);
  }

  @Override
  public <T> void deleteById(Class<T> type, Object id) {
    @SuppressWarnings("unchecked")
    DocumentTable<Object, Object> table = (DocumentTable<Object, Object>) tables.of(type);
    Object checked = table.checkedId(id);
    pending.add(PendingWrite.delete(table, checked));
    forget(table, checked);
  }

  @Override
  public <T> void restore(Class<T> type, Object id) {
    @SuppressWarnings("unchecked")
    DocumentTable<Object, Object> table = (DocumentTable<Object, Object>) tables.of(type);
    if (!table.mapping().softDelete()) {
      throw new IllegalArgumentException(type.getSimpleName() + " does not use soft deletes, so a deleted one "
          + "cannot be restored; use @Document(softDelete = true)");
    }
    pending.add(PendingWrite.restore(table, table.checkedId(id)));
  }

  @Override
  public <T> DocumentPatch patch(Class<T> type, Object id) {
    @SuppressWarnings("unchecked")
    DocumentTable<Object, Object> table = (DocumentTable<Object, Object>) tables.of(type);
    Object checked = table.checkedId(id);
    JsonPatch patch = new JsonPatch(table, table.valueWriter());
    pending.add(PendingWrite.patch(table, checked, patch));
    // The instance in the identity map would no longer match the row.
    forget(table, checked);
    return patch;
  }

  @Override
  public SessionEvents events() {
    return appends;
  }

  @Override
  public void saveChanges() {
    writer.write(pending, appends);
    appends.committed();
    pending.forEach(PendingWrite::afterCommit);
    pending.clear();
    appends.clear();
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
    pending.removeIf(write -> write.concerns(document.getClass(), id));
  }

  @Override
  public void ejectAll() {
    if (identityMap != null) {
      identityMap.clear();
    }
    pending.clear();
    appends.clear();
  }

  @Override
  public <T> boolean exists(Class<T> type, Object id) {
    DocumentTable<T, Object> table = tables.of(type);
    return reads.exists(table, table.checkedId(id));
  }

  @Override
  public <T> DocumentQuery<T> query(Class<T> type) {
    DocumentTable<T, Object> table = tables.of(type);
    return reads.query(table, resolver(table));
  }

  /** A document this session already holds is returned as that instance, as load() does. */
  <T> UnaryOperator<T> resolver(DocumentTable<T, Object> table) {
    if (identityMap == null) {
      return UnaryOperator.identity();
    }
    Class<T> type = table.mapping().documentType();
    return document -> {
      Object id = table.mapping().id(document);
      T known = identityMap.get(type, id);
      if (known != null) {
        return known;
      }
      identityMap.put(type, id, document);
      return document;
    };
  }

  @Override
  public void close() {
    pending.clear();
    appends.clear();
  }

  private void queue(DocumentTable<Object, Object> table, Object id, Object document, PendingWrite write) {
    // Storing one document twice is one write, in the place of the first: the later state
    // (documents are serialized at saveChanges) at the later call's expectation, or still an insert.
    // Two writes at one version would make the second conflict with the first.
    int last = pending.size() - 1;
    while (last >= 0 && !(pending.get(last).concerns(table.mapping().documentType(), id))) {
      last--;
    }
    if (last >= 0 && pending.get(last).replacesDocument()) {
      PendingWrite earlier = pending.get(last);
      // A document inserted in this unit of work is still inserted, with its latest state.
      pending.set(last, earlier.inserts() ? earlier.withDocument(document) : write);
    } else {
      pending.add(write);
    }
    if (identityMap != null) {
      identityMap.put(table.mapping().documentType(), id, document);
    }
  }

  private void forget(DocumentTable<Object, Object> table, Object id) {
    if (identityMap != null) {
      identityMap.remove(table.mapping().documentType(), id);
    }
  }
}
