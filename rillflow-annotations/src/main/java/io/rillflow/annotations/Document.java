package io.rillflow.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class or record as a document: stored as JSON ({@code jsonb}) in a table of its own, one
 * row per document, keyed by its id.
 *
 * <p>The id is the member marked {@link Id}, else the member named {@code id}. Supported id types
 * are {@code UUID}, {@code String}, {@code long}/{@code Long} and {@code int}/{@code Integer}. A
 * document without an id does not compile.
 *
 * <pre>{@code
 * @Document
 * public record Customer(UUID id, String email, Address address, Tier tier) {}
 * }</pre>
 *
 * <p>The processor generates {@code Customer_Mapping} (how the document is stored) and
 * {@code Customer_} (a typed path for every queryable member) in the same package.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Document {

  /** The table name; empty means {@code doc_} followed by the type's simple name in snake case. */
  String table() default "";

  /**
   * When {@code true}, deleting marks the row with a {@code deleted_at} time instead of removing it;
   * queries skip such rows unless they ask for them.
   */
  boolean softDelete() default false;

  /**
   * When {@code true}, the table gets a GIN index on the whole document ({@code jsonb_path_ops}):
   * equality and containment queries on paths that have no {@link Duplicated} column then use an
   * index too, at some cost to every write.
   */
  boolean gin() default false;

  /**
   * When {@code true}, the documents are reference data that every tenant of a multi-tenant store
   * reads: one copy, in the store's own schema (and without a tenant column), whichever tenant's
   * session loads, queries or writes them. Ignored by a store without tenancy.
   */
  boolean shared() default false;
}
