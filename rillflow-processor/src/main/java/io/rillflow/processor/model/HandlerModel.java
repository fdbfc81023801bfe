package io.rillflow.processor.model;

import com.palantir.javapoet.ClassName;
import javax.lang.model.element.ExecutableElement;

/**
 * One {@code @Apply} handler of an aggregate.
 *
 * @param element the method
 * @param shape how it changes the state
 * @param event the {@code @Event} class it takes
 * @param eventName that event's stored type name
 * @param eventVersion that event's schema version
 * @param envelope how it takes the envelope as second parameter
 */
public record HandlerModel(
    ExecutableElement element, Shape shape, ClassName event, String eventName, int eventVersion, Envelope envelope) {

  /** The three handler shapes. */
  public enum Shape {
    /** {@code void apply(E e)}: changes the instance. */
    MUTATE,
    /** {@code A apply(E e)}: returns the next state. */
    EVOLVE,
    /** {@code static A create(E e)}: builds a state from the event alone. */
    CREATE
  }

  /** Whether, and how, the handler takes the {@code EventEnvelope}. */
  public enum Envelope {
    /** One parameter: the event. */
    NONE,
    /** {@code EventEnvelope<?>} or the raw type. */
    WILDCARD,
    /** {@code EventEnvelope<E>}. */
    TYPED
  }

  /** The method's name. */
  public String name() {
    return element.getSimpleName().toString();
  }
}
