package io.rillflow.spi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rillflow.DocumentRepository;
import io.rillflow.DocumentStore;
import io.rillflow.QuerySession;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * What a {@link RillflowModule} registers its parts with while a store starts. The store checks
 * the parts of all modules together (for example, two types mapped to one table, or an upcast
 * chain with a gap) and fails to start on a conflict, naming both parts.
 */
public interface ModuleRegistry {

  /** Registers how one document type is stored. */
  void document(DocumentMapping<?, ?> mapping);

  /** Registers how to make the generated implementation of a repository interface. */
  <R extends DocumentRepository<?, ?>> void repository(Class<R> type, Function<DocumentStore, ? extends R> factory);

  /** Registers an event class: its stored type name and schema version. */
  void event(EventMapping<?> mapping);

  /**
   * Registers a typed {@code @Upcast} step from one version of an event to the next; both classes
   * are registered events of the same name.
   */
  <A, B> void upcast(Class<A> from, Class<B> to, Function<? super A, ? extends B> step);

  /** Registers a JSON {@code @Upcast} step from version {@code fromVersion} of {@code eventName} to the next. */
  void upcast(String eventName, int fromVersion, UnaryOperator<ObjectNode> step);

  /**
   * Registers a typed {@code @Upcast} step that looks things up: it enriches an old event from
   * documents read in the read-only {@link io.rillflow.QuerySession} it is given.
   */
  default <A, B> void lookupUpcast(Class<A> from, Class<B> to, BiFunction<? super A, QuerySession, ? extends B> step) {
    throw new UnsupportedOperationException(getClass().getName() + " does not take lookup upcasts (from "
        + from.getName() + " to " + to.getName() + ")");
  }

  /** Registers a JSON {@code @Upcast} step that looks things up; see {@link #lookupUpcast(Class, Class, BiFunction)}. */
  default void lookupUpcast(String eventName, int fromVersion, BiFunction<ObjectNode, QuerySession, ObjectNode> step) {
    throw new UnsupportedOperationException(getClass().getName() + " does not take lookup upcasts (of " + eventName
        + " from version " + fromVersion + ")");
  }

  /** Registers how one {@code @Aggregate} type folds its events. */
  void aggregate(AggregateMapping<?> mapping);

  /** Registers how one {@code @ReadModel} document is built from events: a projection the store runs. */
  void projection(ProjectionMapping<?> mapping);
}
