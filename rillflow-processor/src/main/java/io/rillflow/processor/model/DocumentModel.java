package io.rillflow.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.TypeElement;

/**
 * One {@code @Document} type as the processor understood it.
 *
 * @param element the annotated type
 * @param type its class name
 * @param table the table name, unqualified
 * @param id the id member
 * @param idKind the id's kind
 * @param version the {@code @Version} member, if any
 * @param softDelete whether deletes only mark rows deleted
 * @param duplicated the duplicated columns, members first, then type-level paths
 */
public record DocumentModel(
    TypeElement element, ClassName type, String table, PropertyModel id, IdKind idKind,
    Optional<PropertyModel> version, boolean softDelete, List<DuplicatedModel> duplicated) {

  /** The generated mapping's name: {@code Customer_Mapping}, {@code Outer_Inner_Mapping}. */
  public ClassName mappingName() {
    return ClassName.get(type.packageName(), String.join("_", type.simpleNames()) + "_Mapping");
  }
}
