package io.rillflow.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Copies a value of a document's JSON into a real column with a real index, so queries on it are
 * as fast as on any column. The column is a stored generated column: it never disagrees with the
 * JSON, also after a patch or a raw SQL update.
 *
 * <p>On a member it duplicates that member; on the document type it duplicates the nested
 * {@link #path()} (repeatable):
 *
 * <pre>{@code
 * @Document
 * @Duplicated(path = "address.city")
 * public record Customer(UUID id, @Duplicated(unique = true) String email, Address address) {}
 * }</pre>
 *
 * <p>Queries on a duplicated path read the column instead of the JSON.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.METHOD, ElementType.RECORD_COMPONENT})
@Repeatable(Duplicated.List.class)
public @interface Duplicated {

  /** The dotted path of the value, only at type level (for example {@code "address.city"}). */
  String path() default "";

  /** The column name; empty means the path in snake case, dots as underscores. */
  String column() default "";

  /** Whether the column gets an index. */
  boolean indexed() default true;

  /** Whether the index is unique. */
  boolean unique() default false;

  /** Whether the column (a string) holds the value in lower case, for case-insensitive lookups. */
  boolean lowercase() default false;

  /** Holds several type-level {@link Duplicated} annotations. */
  @Documented
  @Retention(RetentionPolicy.CLASS)
  @Target(ElementType.TYPE)
  @interface List {
    /** The duplicated paths. */
    Duplicated[] value();
  }
}
