package io.rillflow.spi;

/**
 * What a {@link RillflowModule} registers its parts with while a store starts. The store checks
 * the parts of all modules together (for example, two types mapped to one table) and fails to
 * start on a conflict, naming both parts.
 */
public interface ModuleRegistry {

  /** Registers how one document type is stored. */
  void document(DocumentMapping<?, ?> mapping);
}
