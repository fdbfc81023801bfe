package io.rillflow.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A repository method's query, written as a predicate over the document's paths and checked at
 * compile time:
 *
 * <pre>{@code
 * @Query(value = "address.city = :city and tier in :tiers and not archived", orderBy = "email desc", limit = 50)
 * List<Customer> inCity(String city, Set<Tier> tiers);
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Query {

  /** The predicate: paths, comparisons, {@code in}, {@code like}, {@code and/or/not}, {@code :param}. */
  String value();

  /** Comma-separated paths, each optionally followed by {@code asc} or {@code desc}. */
  String orderBy() default "";

  /** The most rows returned; -1 means no limit. */
  int limit() default -1;
}
