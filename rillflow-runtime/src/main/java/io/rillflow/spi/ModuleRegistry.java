package io.rillflow.spi;

import io.rillflow.DocumentRepository;
import io.rillflow.DocumentStore;
import java.util.function.Function;

/**
 * What a {@link RillflowModule} registers its parts with while a store starts. The store checks
 * the parts of all modules together (for example, two types mapped to one table) and fails to
 * start on a conflict, naming both parts.
 */
public interface ModuleRegistry {

  /** Registers how one document type is stored. */
  void document(DocumentMapping<?, ?> mapping);

  /** Registers how to make the generated implementation of a repository interface. */
  <R extends DocumentRepository<?, ?>> void repository(Class<R> type, Function<DocumentStore, ? extends R> factory);
}
