package io.rillflow;

import io.rillflow.events.SessionEvents;

/**
 * A unit of work: changes are queued by {@link #store}, {@link #insert}, {@link #update},
 * {@link #delete} and written by {@link #saveChanges()} in one transaction, in the order they were
 * made, batched. If any part fails, nothing is written and the exception says which document failed
 * and why.
 *
 * <p>A session from {@link DocumentStore#openSession()} also keeps an identity map: loading the same
 * id twice returns the same instance, and a document stored in the session is what a later load
 * returns. One from {@link DocumentStore#lightweightSession()} does not.
 *
 * <p>Optimistic concurrency: a document type with a {@code @Version} member is only updated at the
 * version the document carries; {@link #update(Object, long)} does the same for any type. A stale
 * version fails {@code saveChanges()} with {@link ConcurrencyException}.
 *
 * <pre>{@code
 * try (DocumentSession session = store.openSession()) {
 *   Customer c = session.load(Customer.class, id).orElseThrow();
 *   session.store(c.withEmail("new@example.com"));
 *   session.saveChanges();
 * }
 * }</pre>
 */
public interface DocumentSession extends QuerySession {

  /**
   * Queues an upsert of each document: inserted when new, replaced when not. A document with a
   * {@code UUID} id left {@code null} in a writable member gets a time-ordered id now.
   */
  void store(Object... documents);

  /** Queues an insert of each document; {@link #saveChanges()} fails with {@link DocumentExistsException} if one exists. */
  void insert(Object... documents);

  /** Queues a replacement of each document; {@link #saveChanges()} fails with {@link DocumentNotFoundException} if one does not exist. */
  void update(Object... documents);

  /**
   * Queues a replacement of {@code document} only if it is still at {@code expectedVersion};
   * {@code 0} means it must not exist yet.
   */
  void update(Object document, long expectedVersion);

  /** Queues a delete of {@code document} (a soft delete when its type uses them). */
  void delete(Object document);

  /** Queues a delete of the document of {@code type} with {@code id}; nothing happens if there is none. */
  <T> void deleteById(Class<T> type, Object id);

  /** Queues the restore of a soft-deleted document. */
  <T> void restore(Class<T> type, Object id);

  /**
   * Queues a change of parts of the stored document with this id, applied in SQL without loading it.
   * The returned patch collects the changes; add them before {@link #saveChanges()}.
   */
  <T> DocumentPatch<T> patch(Class<T> type, Object id);

  /**
   * The session's event appends: queued, and written by {@link #saveChanges()} in the same
   * transaction as the document changes.
   */
  SessionEvents events();

  /** Sets the correlation id of this session's later appends (those that set none themselves). */
  default DocumentSession correlationId(String correlationId) {
    events().defaults(events().defaults().withCorrelationId(correlationId));
    return this;
  }

  /** Sets the causation id of this session's later appends (those that set none themselves). */
  default DocumentSession causationId(String causationId) {
    events().defaults(events().defaults().withCausationId(causationId));
    return this;
  }

  /** Adds a header to this session's later appends (an append's own header of that name wins). */
  default DocumentSession header(String name, Object value) {
    events().defaults(events().defaults().withHeader(name, value));
    return this;
  }

  /** Writes every queued change in one transaction; on failure writes nothing and keeps them queued. */
  void saveChanges();

  /** How many changes are queued, appends included. */
  int pendingChanges();

  /** Forgets {@code document}: drops it from the identity map and drops its queued changes. */
  void eject(Object document);

  /** Forgets every document and every queued change, appends included. */
  void ejectAll();
}
