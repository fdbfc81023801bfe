package io.rillflow.processor.model;

import java.util.Optional;

/**
 * One {@code @Tag} member of an event: the tag's name and how generated code reads its value.
 *
 * @param name the tag's name
 * @param accessor how the member is read from the event
 * @param wrapped the accessor of the single component when the member is a value-wrapper record
 * @param primitive whether the member is a primitive number (never null)
 */
public record TagModel(String name, Accessor accessor, Optional<String> wrapped, boolean primitive) {

  /** The Java expression for the tag's value read from {@code event}: may be {@code null} unless primitive. */
  public String valueFrom(String event) {
    String member = accessor.readFrom(event);
    return wrapped.map(component -> member + " == null ? null : " + member + "." + component + "()").orElse(member);
  }
}
