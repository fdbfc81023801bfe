package io.rillflow.spi;

import java.util.List;

/**
 * How one {@code @Document} type is stored, generated as {@code <Type>_Mapping}. Holds no state
 * that depends on a store, so one instance serves every store and tenant; each store builds its
 * SQL and its Jackson reader and writer for the type once, when it starts.
 *
 * <p>Optional parts are {@code default} methods answering "not used": a mapping written by an
 * older processor keeps working when new ones are added.
 *
 * @param <T> the document type
 * @param <ID> its id type
 */
public interface DocumentMapping<T, ID> {

  /** The document class. */
  Class<T> documentType();

  /** The id class: {@code UUID}, {@code String}, {@code Long} or {@code Integer}. */
  Class<ID> idType();

  /** The table name, unqualified: the store decides the schema. */
  String tableName();

  /** The document's id, read without reflection; {@code null} when not yet assigned. */
  ID id(T document);

  /**
   * Sets the id of a document stored without one; only called when {@link #canAssignId()}. The
   * store assigns time-ordered UUIDs.
   */
  default void assignId(T document, ID id) {
    throw new UnsupportedOperationException(documentType().getName() + " cannot be given an id");
  }

  /** Whether {@link #assignId} can set the id: a {@code UUID} id in a member that can be written. */
  default boolean canAssignId() {
    return false;
  }

  /**
   * The JSON property of the {@code @Version} member, or {@code null} when the type has none. A
   * versioned document is only ever updated at the version it carries.
   */
  default String versionProperty() {
    return null;
  }

  /** The version the document carries; 0 for a document never stored. */
  default long version(T document) {
    return 0;
  }

  /**
   * The document at {@code version}, after a save: the same instance with its member set, or for a
   * record, a copy carrying the new version. The document unchanged when it has no version member.
   */
  default T withVersion(T document, long version) {
    return document;
  }

  /** Whether deleting only marks rows deleted ({@code @Document(softDelete = true)}). */
  default boolean softDelete() {
    return false;
  }

  /**
   * The metamodel path for a dotted path ({@code "address.city"}), or {@code null} when the type
   * has none: how a sort or patch given by name is checked and typed without reflection.
   */
  default io.rillflow.query.Path<T, ?> path(String dotted) {
    return null;
  }

  /**
   * Whether every tenant of a multi-tenant store reads the one copy of these documents, kept in the
   * store's own schema ({@code @Document(shared = true)}).
   */
  default boolean shared() {
    return false;
  }

  /** Whether the table has a GIN index on {@code data} ({@code @Document(gin = true)}). */
  default boolean ginIndexed() {
    return false;
  }

  /** The {@code @Duplicated} columns, in declaration order. */
  default List<DuplicatedField> duplicatedFields() {
    return List.of();
  }
}
