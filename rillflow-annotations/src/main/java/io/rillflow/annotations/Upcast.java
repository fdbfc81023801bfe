package io.rillflow.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a static method that turns version N of an event into version N+1. Two forms:
 *
 * <pre>{@code
 * // typed: both classes are @Event with the same name
 * @Upcast static OrderPlacedV2 up(OrderPlacedV1 old) { ... }
 *
 * // on JSON: for versions that have no class any more
 * @Upcast(event = "OrderPlaced", from = 1) static ObjectNode up(ObjectNode body) { ... }
 * }</pre>
 *
 * <p>The processor builds one chain per event name and fails the build on a gap, on two steps from
 * the same version, or on a chain that does not end at the current class's version. Every read
 * path applies the chain.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Upcast {

  /** The event name, for the JSON form; the typed form takes it from its parameter type. */
  String event() default "";

  /** The version this step reads, for the JSON form; it writes {@code from + 1}. */
  int from() default 0;
}
