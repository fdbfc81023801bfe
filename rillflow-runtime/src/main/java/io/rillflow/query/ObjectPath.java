package io.rillflow.query;

import java.util.List;

/**
 * A path to a nested object; the metamodel's nested classes extend it with a field per member
 * ({@code Customer_.address.city}).
 *
 * @param <D> the document type
 */
public class ObjectPath<D> extends Path<D, Object> {

  public ObjectPath(List<String> segments) {
    super(segments, null, false, Object.class);
  }

  /** {@code prefix} followed by {@code name}: for the metamodel's nested paths. */
  protected static List<String> child(List<String> prefix, String name) {
    java.util.ArrayList<String> segments = new java.util.ArrayList<>(prefix);
    segments.add(name);
    return segments;
  }
}
