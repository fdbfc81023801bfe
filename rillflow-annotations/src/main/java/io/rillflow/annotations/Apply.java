package io.rillflow.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an event handler of an {@link Aggregate} or a {@link ReadModel}, in one of three shapes:
 * {@code void apply(E e)} (mutates the instance), {@code A apply(E e)} (returns the next state) or
 * {@code static A create(E e)} (builds the first state). An optional second parameter receives the
 * {@code io.rillflow.events.EventEnvelope}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Apply {

  /**
   * On a {@link ReadModel} only: the member of the event (record component, getter or field) that
   * holds the id of the document this event changes, of the document's id type, or a collection of
   * such ids: then the event changes a document per element, new ones start from the constructor
   * without parameters with their id set, and the event's handlers are instance handlers. Empty
   * (the default): the event's stream id, for a document that follows one stream.
   */
  String id() default "";
}
