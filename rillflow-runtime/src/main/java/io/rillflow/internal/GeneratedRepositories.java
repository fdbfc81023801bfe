package io.rillflow.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rillflow.DocumentRepository;
import io.rillflow.DocumentSession;
import io.rillflow.DocumentStore;
import io.rillflow.internal.document.DocumentTable;
import io.rillflow.internal.document.DocumentTables;
import io.rillflow.internal.query.CompiledQueryCall;
import io.rillflow.internal.query.DeleteQueue;
import io.rillflow.internal.session.BoundSession;
import io.rillflow.internal.session.SessionFactory;
import io.rillflow.internal.sql.OwnedScope;
import io.rillflow.internal.tracing.StoreTracing;
import io.rillflow.spi.QueryCall;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * What one store gives the repositories the processor generated: the repository an interface names,
 * the calls of their compile-time queries and what a save made of a document (the store's
 * {@link io.rillflow.spi.RepositorySupport}).
 */
final class GeneratedRepositories {
  /** Whose repository factories the modules registered. */
  private final ModuleParts parts;
  private final DocumentTables tables;
  /** Where a query call without a session runs: the store's data source. */
  private final OwnedScope ownedScope;
  private final ObjectMapper objectMapper;
  private final StoreTracing tracing;

  GeneratedRepositories(ModuleParts parts, DocumentTables tables, OwnedScope ownedScope, ObjectMapper objectMapper,
      StoreTracing tracing) {
    this.parts = parts;
    this.tables = tables;
    this.ownedScope = ownedScope;
    this.objectMapper = objectMapper;
    this.tracing = tracing;
  }

  /** The generated implementation of {@code type}, over {@code store}. */
  <R extends DocumentRepository<?, ?>> R of(Class<R> type, DocumentStore store) {
    Function<DocumentStore, ?> factory = parts.repositoryFactory(type);
    if (factory == null) {
      throw new IllegalArgumentException("No generated repository implements " + type.getName()
          + ": annotate it @Repository, make it extend DocumentRepository, and make sure the Rillflow "
          + "processor ran on it (its " + type.getSimpleName() + "Impl must exist)");
    }
    return type.cast(factory.apply(store));
  }

  /** See {@link io.rillflow.spi.RepositorySupport#queryCall}. */
  <T> QueryCall<T> queryCall(Class<T> type, String sql, DocumentSession session) {
    DocumentTable<T, Object> table = tables.of(type);
    if (session == null) {
      return tracing.queryCall(new CompiledQueryCall<>(ownedScope, table, objectMapper, table.reader(), sql,
          UnaryOperator.identity(), DeleteQueue.NONE), table.typeName());
    }
    BoundSession bound = SessionFactory.bound(session);
    return tracing.queryCall(new CompiledQueryCall<>(bound.scope(), table, objectMapper, table.reader(), sql,
        bound.resolver(table), bound.deletes()), table.typeName());
  }

  /** See {@link io.rillflow.spi.RepositorySupport#saved}. */
  <S> S saved(DocumentSession session, S document) {
    return SessionFactory.bound(session).saved(document);
  }
}
