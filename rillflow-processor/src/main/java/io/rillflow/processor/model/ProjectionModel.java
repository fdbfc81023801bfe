package io.rillflow.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.TypeElement;

/**
 * One {@code @ReadModel} document and how events build it.
 *
 * @param element the annotated class or record
 * @param type its class name
 * @param name the projection's name
 * @param lifecycle the name of the {@code Lifecycle} constant: {@code INLINE} or {@code ASYNC}
 * @param idKind the document's id type
 * @param idMutator how generated code writes the document's id, when it can
 * @param instantiable whether generated code can call a no-argument constructor
 * @param handlers the {@code @Apply} handlers, in declaration order
 * @param routes per handled event, where the document's id comes from, in first-handler order
 */
public record ProjectionModel(
    TypeElement element, ClassName type, String name, String lifecycle, IdKind idKind, Optional<Accessor> idMutator,
    boolean instantiable,
    List<HandlerModel> handlers, List<Route> routes) {

  /** The generated mapping's name: {@code CustomerTotals_Projection}, {@code Outer_Inner_Projection}. */
  public ClassName mappingName() {
    return ClassName.get(type.packageName(), String.join("_", type.simpleNames()) + "_Projection");
  }

  /** The handlers of one event, static first. */
  public List<HandlerModel> handlersOf(String eventName) {
    return handlers.stream().filter(h -> h.eventName().equals(eventName))
        .sorted((a, b) -> Boolean.compare(a.shape() != HandlerModel.Shape.CREATE, b.shape() != HandlerModel.Shape.CREATE))
        .toList();
  }

  /**
   * Where the id of the document an event changes comes from.
   *
   * @param eventName the stored event type name
   * @param event the event class
   * @param member the event member holding the id; empty for the stream id
   * @param memberName that member's name, for messages at run time
   * @param primitive whether the member is of a primitive type (it cannot be null)
   * @param many whether the member is a collection of ids: the event changes a document per element
   */
  public record Route(
      String eventName, ClassName event, Optional<Accessor> member, String memberName, boolean primitive, boolean many) {}
}
