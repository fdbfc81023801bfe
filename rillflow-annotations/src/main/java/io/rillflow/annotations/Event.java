package io.rillflow.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class or record as an event type. Each stored event keeps its type {@link #name()} and
 * the schema {@link #version()} it was written with, so older shapes can be read through
 * {@link Upcast} steps.
 *
 * <pre>{@code
 * @Event(name = "OrderPlaced", version = 2)
 * public record OrderPlaced(UUID orderId, String customer, BigDecimal total) {}
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Event {

  /** The stored type name; empty means the class's simple name. */
  String name() default "";

  /** The schema version of this class, from 1. */
  int version() default 1;
}
