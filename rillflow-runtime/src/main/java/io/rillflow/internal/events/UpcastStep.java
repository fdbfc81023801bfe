package io.rillflow.internal.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rillflow.spi.EventMapping;
import io.rillflow.QuerySession;
import java.util.function.BiFunction;

/** One {@code @Upcast} step of an event type's chain: from one schema version to the next. */
sealed interface UpcastStep {

  /** The event type name. */
  String eventName();

  /** The version this step reads; it produces the next. */
  int fromVersion();

  /** Where it comes from, for messages. */
  String describe();

  /** Whether it looks things up in a query session (an async upcaster): its results are cached per row. */
  boolean lookup();

  /** A typed step: a method from one {@code @Event} class to the next version's class. */
  record Typed(EventMapping<?> from, EventMapping<?> to, BiFunction<Object, QuerySession, Object> step, boolean lookup)
      implements UpcastStep {
    @Override
    public String eventName() {
      return from.typeName();
    }

    @Override
    public int fromVersion() {
      return from.schemaVersion();
    }

    @Override
    public String describe() {
      return "the upcast from " + from.eventType().getName() + " to " + to.eventType().getName();
    }
  }

  /** A JSON step, for versions that have no class any more. */
  record Json(String eventName, int fromVersion, BiFunction<ObjectNode, QuerySession, ObjectNode> step, boolean lookup)
      implements UpcastStep {
    @Override
    public String describe() {
      return "the JSON upcast of " + eventName + " from version " + fromVersion;
    }
  }
}
