package io.rillflow.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Tags each event of an {@link Event} class with this member's value, for Dynamic Consistency
 * Boundaries: the store keeps {@code name:value} beside the event in an indexed table, queries find
 * events by tag ({@code EventQuery}), and an append conditional on a query fails when an event with
 * matching tags arrived after the position its decision read up to.
 *
 * <pre>{@code
 * @Event
 * record StudentSubscribed(@Tag("course") String courseId, @Tag("student") StudentId studentId) {}
 * }</pre>
 *
 * <p>The member is a {@code String}, a {@code UUID}, a number (primitive or boxed, {@code BigInteger},
 * {@code BigDecimal}), or a record with one component of one of those types (a value wrapper, tagged
 * with its component's value). A {@code null} value adds no tag. The processor checks all of it and
 * generates the tag extraction into the event's mapping: nothing is read by reflection.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface Tag {
  /** The tag's name (letters, digits, {@code _ - .}); the member's name when empty. */
  String value() default "";
}
