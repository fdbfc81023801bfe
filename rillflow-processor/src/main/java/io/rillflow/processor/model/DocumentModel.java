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
 * @param paths the queryable paths, top-level members with their nested paths
 * @param gin whether the table gets a GIN index on the document
 * @param shared whether every tenant reads the one copy of these documents
 */
public record DocumentModel(
    TypeElement element, ClassName type, String table, PropertyModel id, IdKind idKind,
    Optional<PropertyModel> version, boolean softDelete, List<DuplicatedModel> duplicated, List<PathModel> paths,
    boolean gin, boolean shared) {

  /** The path with this dotted name, if the document has one. */
  public Optional<PathModel> path(String dotted) {
    return paths.stream().flatMap(p -> p.flatten().stream()).filter(p -> p.dotted().equals(dotted)).findFirst();
  }

  /** The generated mapping's name: {@code Customer_Mapping}, {@code Outer_Inner_Mapping}. */
  public ClassName mappingName() {
    return ClassName.get(type.packageName(), String.join("_", type.simpleNames()) + "_Mapping");
  }
}
