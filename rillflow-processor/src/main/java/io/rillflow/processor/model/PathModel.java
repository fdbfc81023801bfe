package io.rillflow.processor.model;

import com.palantir.javapoet.TypeName;
import java.util.List;
import java.util.Optional;
import javax.lang.model.type.TypeMirror;

/**
 * One queryable path of a document: what the metamodel gives a typed constant, and what query
 * methods resolve their names against.
 *
 * @param segments JSON property names from the document root
 * @param kind which metamodel path class fits the value
 * @param type the declared type
 * @param valueType the boxed value type (the element type for a collection)
 * @param column the {@code @Duplicated} column holding the value, or {@code null}
 * @param lowercase whether that column holds it in lower case
 * @param sqlType the PostgreSQL type the value compares as: text (strings and enums), numeric,
 *     boolean, uuid, timestamptz, timestamp or date (a collection's elements'); {@code null} for objects
 * @param children the paths below a nested object, in declaration order
 */
public record PathModel(
    List<String> segments, PathKind kind, TypeMirror type, TypeName valueType, String column, boolean lowercase,
    String sqlType, List<PathModel> children) {

  /** The kinds of value a path can lead to. */
  public enum PathKind { STRING, COMPARABLE, BOOLEAN, COLLECTION, OBJECT, OTHER }

  public String dotted() {
    return String.join(".", segments);
  }

  public String name() {
    return segments.get(segments.size() - 1);
  }

  /** This path and every path below it, depth first. */
  public List<PathModel> flatten() {
    java.util.ArrayList<PathModel> all = new java.util.ArrayList<>();
    all.add(this);
    children.forEach(child -> all.addAll(child.flatten()));
    return all;
  }

  /** The child named {@code name}, if any. */
  public Optional<PathModel> child(String name) {
    return children.stream().filter(c -> c.name().equals(name)).findFirst();
  }
}
