package io.rillflow.spi;

import io.rillflow.events.EventEnvelope;
import io.rillflow.annotations.Lifecycle;
import java.util.Collection;
import java.util.List;

/**
 * How one {@code @ReadModel} document is built from events, generated as
 * {@code <Type>_Projection}: which document an event belongs to, and a switch on the stored event
 * type name that calls the typed {@code @Apply} handler, with no reflection. The store runs it as a
 * projection under {@link #name()}: it loads the document, applies the event, and stores the
 * result (or deletes the document when the result is {@code null}) in the projection's transaction.
 * Holds no per-store state.
 *
 * <pre>{@code
 * // generated for @ReadModel record CustomerTotals(...) with @Apply(id = "customerId") handlers
 * registry.projection(CustomerTotals_Projection.INSTANCE);
 * List<?> ids = CustomerTotals_Projection.INSTANCE.documentIds(placedEnvelope);   // [placed.customerId()]
 * CustomerTotals first = CustomerTotals_Projection.INSTANCE.apply(null, ids.get(0), placedEnvelope);
 * }</pre>
 *
 * @param <D> the document type
 */
public interface ProjectionMapping<D> {

  /** The projection's name: the key of its checkpoint. */
  String name();

  /** {@code INLINE} or {@code ASYNC}. */
  Lifecycle lifecycle();

  /** The document class; a registered {@code @Document}. */
  Class<D> documentType();

  /** The event classes that have a handler, each the current class of its type name. */
  List<Class<?>> eventTypes();

  /**
   * The ids of the documents {@code event} changes, of the document's id type: one for most events,
   * each element when the event's id member holds a collection, none when no handler takes the
   * event's type.
   *
   * @throws IllegalStateException when the event's id member is {@code null}
   */
  List<?> documentIds(EventEnvelope<?> event);

  /**
   * A new document with id {@code id}, before its first event: from the constructor without
   * parameters, its id member set when generated code can write it; or {@code null} when there is
   * no such constructor (then a static handler must create the document).
   */
  D initial(Object id);

  /**
   * The document with id {@code id} after {@code event}: a static handler's result when there is no
   * document yet (or no instance handler), else the instance handler's result, or {@code current}
   * itself after a mutating one. {@code null} means: delete the document.
   *
   * @param current the stored document, {@code null} when there is none
   * @param id the document's id, one of {@link #documentIds}
   */
  D apply(D current, Object id, EventEnvelope<?> event);

  /**
   * The document an instance handler runs on: {@code current}, or a new one from
   * {@link #initial(Object)}.
   *
   * @throws IllegalStateException when there is neither
   */
  default D existing(D current, Object id, EventEnvelope<?> event) {
    if (current != null) {
      return current;
    }
    D fresh = initial(id);
    if (fresh == null) {
      String simple = documentType().getSimpleName();
      throw new IllegalStateException("Read model " + name() + " has no " + simple + " for event " + event.type()
          + " at position " + event.position() + " (stream " + event.streamId() + ") and cannot make one: give "
          + simple + " a no-argument constructor or an @Apply static " + simple + " create(" + event.type() + ")");
    }
    return fresh;
  }

  /**
   * The one id held by an event member, checked.
   *
   * @throws IllegalStateException when it is {@code null}
   */
  static List<?> requireId(Object id, EventEnvelope<?> event, String member) {
    if (id == null) {
      throw noId(event, member);
    }
    return List.of(id);
  }

  /**
   * The ids held by an event member that is a collection, checked.
   *
   * @throws IllegalStateException when it or one of its elements is {@code null}
   */
  static List<?> requireIds(Collection<?> ids, EventEnvelope<?> event, String member) {
    if (ids == null) {
      throw noId(event, member);
    }
    for (Object id : ids) {
      // Not ids.contains(null): immutable collections throw on it.
      if (id == null) {
        throw noId(event, member);
      }
    }
    return List.copyOf(ids);
  }

  private static IllegalStateException noId(EventEnvelope<?> event, String member) {
    return new IllegalStateException("Event " + event.type() + " at position " + event.position() + " (stream "
        + event.streamId() + ") has no " + member + ", the id of the document it belongs to");
  }
}
