package io.rillflow.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an interface extending {@code io.rillflow.DocumentRepository<T, ID>}; the processor
 * generates its implementation, {@code <Name>Impl}, with every query's SQL fixed at compile time.
 *
 * <pre>{@code
 * @Repository
 * public interface CustomerRepository extends DocumentRepository<Customer, UUID> {
 *   Optional<Customer> findByEmail(String email);
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Repository {}
