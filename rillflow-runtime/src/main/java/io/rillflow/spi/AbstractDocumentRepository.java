package io.rillflow.spi;

import io.rillflow.DocumentRepository;
import io.rillflow.DocumentSession;
import io.rillflow.DocumentStore;
import io.rillflow.QuerySession;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The CRUD half of every generated repository: generated {@code <Name>Impl} classes extend it and
 * add the interface's own query methods. Alone, each write is one transaction in a lightweight
 * session; bound to a session, reads and writes go through it.
 *
 * @param <T> the document type
 * @param <ID> its id type
 */
public abstract class AbstractDocumentRepository<T, ID> implements DocumentRepository<T, ID> {
  private final DocumentStore store;
  private final Class<T> type;
  /** {@code null} when the repository is used on its own. */
  private final DocumentSession session;

  protected AbstractDocumentRepository(DocumentStore store, Class<T> type, DocumentSession session) {
    if (store == null) {
      throw new IllegalArgumentException("A repository needs a DocumentStore");
    }
    this.store = store;
    this.type = type;
    this.session = session;
  }

  /** The store this repository reads and writes. */
  protected final DocumentStore store() {
    return store;
  }

  /**
   * A call of one of the repository's compile-time queries: {@code sql} names its table as
   * {@value #TABLE}, which the store replaces with its schema-qualified table once and caches.
   */
  protected final QueryCall<T> query(String sql) {
    return ((RepositorySupport) store).queryCall(type, sql, session);
  }

  /** How generated SQL names the document's table, for the store to qualify. */
  public static final String TABLE = io.rillflow.sql.Statements.TABLE;

  /** The session this repository is bound to, or {@code null}. */
  protected final DocumentSession session() {
    return session;
  }

  /** A session to read with: the bound one, else a query session the caller closes. */
  private QuerySession reader() {
    return session != null ? session : store.querySession();
  }

  /**
   * Queues a change in the bound session, or writes it at once in a session of its own. Returns what
   * {@code document} became: itself, or for a versioned record written at once, its copy at the new
   * version (a bound session's queued write has no new version until its saveChanges()).
   */
  private <S> S write(S document, Consumer<DocumentSession> change) {
    return write(java.util.Collections.singletonList(document), change).get(0);
  }

  /** {@link #write(Object, Consumer)} for several documents changed together: one transaction when alone. */
  private <S> List<S> write(List<S> documents, Consumer<DocumentSession> change) {
    if (session != null) {
      change.accept(session);
      return documents;
    }
    try (DocumentSession own = store.lightweightSession()) {
      change.accept(own);
      own.saveChanges();
      List<S> saved = new ArrayList<>(documents.size());
      documents.forEach(document -> saved.add(((RepositorySupport) store).saved(own, document)));
      return saved;
    }
  }

  @Override
  public Optional<T> findById(ID id) {
    return reader().load(type, id);
  }

  @Override
  public List<T> findAllById(Iterable<ID> ids) {
    List<Object> list = new ArrayList<>();
    ids.forEach(list::add);
    return reader().loadMany(type, list);
  }

  @Override
  public Stream<T> findAll() {
    return reader().query(type).stream();
  }

  @Override
  public <S extends T> S save(S document) {
    return write(document, s -> s.store(document));
  }

  @Override
  public <S extends T> List<S> saveAll(Iterable<S> documents) {
    List<S> list = new ArrayList<>();
    documents.forEach(list::add);
    return write(list, s -> s.store(list.toArray()));
  }

  @Override
  public <S extends T> S insert(S document) {
    return write(document, s -> s.insert(document));
  }

  @Override
  public <S extends T> S update(S document) {
    return write(document, s -> s.update(document));
  }

  @Override
  public void delete(T document) {
    write(document, s -> s.delete(document));
  }

  @Override
  public void deleteById(ID id) {
    write(id, s -> s.deleteById(type, id));
  }

  @Override
  public boolean existsById(ID id) {
    return reader().exists(type, id);
  }

  @Override
  public long count() {
    return reader().query(type).count();
  }

  @Override
  public List<T> findAllDeleted() {
    return reader().query(type).onlyDeleted().list();
  }

  @Override
  public Stream<T> findAllIncludingDeleted() {
    return reader().query(type).includeDeleted().stream();
  }
}
