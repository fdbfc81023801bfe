package io.rillflow;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The CRUD operations every repository has. Extend it with an interface marked
 * {@code @io.rillflow.annotations.Repository}; the processor generates the implementation, and
 * {@link DocumentStore#repository(Class)} (or a JSR-330 container) hands it out.
 *
 * <pre>{@code
 * @Repository
 * public interface CustomerRepository extends DocumentRepository<Customer, UUID> {}
 *
 * CustomerRepository customers = store.repository(CustomerRepository.class);
 * customers.save(customer);                     // its own transaction
 * try (DocumentSession session = store.openSession()) {
 *   customers.in(session).save(other);          // queued in the session
 *   session.saveChanges();
 * }
 * }</pre>
 *
 * <p>Used on its own, each writing call is one transaction. Through {@link #in(DocumentSession)},
 * reads go through the session (and its identity map) and writes are queued until the session's
 * {@code saveChanges()}. To call your own query methods through a session, declare
 * {@code CustomerRepository in(DocumentSession session);} in your interface.
 *
 * @param <T> the document type
 * @param <ID> its id type
 */
public interface DocumentRepository<T, ID> {

  /** The document with this id, if any. */
  Optional<T> findById(ID id);

  /** The documents with these ids, in the order given; missing ids are skipped. */
  List<T> findAllById(Iterable<ID> ids);

  /**
   * Every document, streamed from a cursor: close the stream (try-with-resources) to release its
   * connection. Nothing loads the whole table into memory.
   */
  Stream<T> findAll();

  /** Inserts or replaces the document (at its version, when versioned) and returns it. */
  <S extends T> S save(S document);

  /** Saves every document, in one transaction when used on its own. */
  <S extends T> List<S> saveAll(Iterable<S> documents);

  /** Inserts the document; fails with {@link DocumentExistsException} if its id exists. */
  <S extends T> S insert(S document);

  /** Replaces the document; fails with {@link DocumentNotFoundException} if its id does not exist. */
  <S extends T> S update(S document);

  /** Deletes the document (softly, when its type uses soft deletes). */
  void delete(T document);

  /** Deletes the document with this id, if there is one. */
  void deleteById(ID id);

  /** Whether a document with this id exists. */
  boolean existsById(ID id);

  /** How many documents there are. */
  long count();

  /**
   * The soft-deleted documents of a {@code @Document(softDelete = true)} type (restore one with
   * {@link DocumentSession#restore}); the other reads see live documents only.
   *
   * @throws IllegalStateException when the type is not soft-deleted
   */
  List<T> findAllDeleted();

  /** Every document, the soft-deleted ones too. Close the stream: use try-with-resources. */
  Stream<T> findAllIncludingDeleted();

  /** This repository working inside {@code session}: its reads, its identity map, its unit of work. */
  DocumentRepository<T, ID> in(DocumentSession session);
}
