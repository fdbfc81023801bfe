package io.rillflow.processor.query;

import io.rillflow.processor.model.PathModel;
import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * One repository query method, checked and ready to plan.
 *
 * @param method the method
 * @param subject what it does
 * @param predicate its condition, or {@code null} for all documents
 * @param orders the static ordering
 * @param limit the most results ({@code First}/{@code Top}, {@code @Query(limit)}), or -1
 * @param result how the results are returned
 * @param projection the record read instead of the document, or {@code null}
 * @param projectionPaths for a projection: each component's path, in component order
 * @param sortParameter the index of a {@code Sort} parameter, or -1
 * @param pageParameter the index of a {@code PageRequest} parameter, or -1
 */
public record QueryMethod(
    ExecutableElement method, Subject subject, Predicate predicate, List<Order> orders, int limit, Result result,
    TypeElement projection, List<PathModel> projectionPaths, int sortParameter, int pageParameter) {

  /** What a query method does. */
  public enum Subject { FIND, COUNT, EXISTS, DELETE }

  /** How results come back. */
  public enum Result { OPTIONAL, SINGLE, LIST, STREAM, PAGE, LONG, INT, BOOLEAN, VOID }

  /** One static ordering key. */
  public record Order(PathModel path, boolean descending) {}
}
