package io.rillflow.spi;

/**
 * How one {@code @Document} type is stored, generated as {@code <Type>_Mapping}. Holds no state
 * that depends on a store, so one instance serves every store and tenant.
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
}
