package io.rillflow.processor.model;

import com.palantir.javapoet.ClassName;
import io.rillflow.processor.query.PlannedQuery;
import io.rillflow.processor.query.QueryMethod;
import java.util.List;
import javax.lang.model.element.TypeElement;

/**
 * One {@code @Repository} interface.
 *
 * @param element the interface
 * @param type its class name
 * @param document the document type it serves
 * @param idType the document's boxed id type
 * @param redeclaresIn whether the interface declares {@code in(DocumentSession)} returning itself
 * @param injectable whether {@code jakarta.inject} is on the class path, so the implementation gets
 *     {@code @Singleton} and {@code @Inject}
 * @param queries the query methods, checked and planned
 */
public record RepositoryModel(
    TypeElement element, ClassName type, ClassName document, ClassName idType, boolean redeclaresIn, boolean injectable,
    List<Query> queries) {

  /** One query method and its SQL. */
  public record Query(QueryMethod method, PlannedQuery plan) {}

  /** The generated implementation's name: {@code CustomerRepositoryImpl}. */
  public ClassName implementationName() {
    return ClassName.get(type.packageName(), String.join("_", type.simpleNames()) + "Impl");
  }
}
