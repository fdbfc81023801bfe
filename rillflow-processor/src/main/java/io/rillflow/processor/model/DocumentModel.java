package io.rillflow.processor.model;

import com.palantir.javapoet.ClassName;
import javax.lang.model.element.TypeElement;

/**
 * One {@code @Document} type as the processor understood it.
 *
 * @param element the annotated type
 * @param type its class name
 * @param table the table name, unqualified
 * @param id the id member
 * @param idKind the id's kind
 */
public record DocumentModel(
    TypeElement element, ClassName type, String table, PropertyModel id, IdKind idKind) {

  /** The generated mapping's name: {@code Customer_Mapping}, {@code Outer_Inner_Mapping}. */
  public ClassName mappingName() {
    return ClassName.get(type.packageName(), String.join("_", type.simpleNames()) + "_Mapping");
  }
}
