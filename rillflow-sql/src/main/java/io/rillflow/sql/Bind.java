package io.rillflow.sql;

import java.util.List;

/**
 * How one placeholder of rendered SQL gets its value from the caller's value at {@code slot}. The
 * processor writes each as a call on the generated query; the runtime applies it to the
 * condition's values.
 */
public sealed interface Bind {

  /** Which of the caller's values. */
  int slot();

  /** The value itself (enums by name, instants as timestamps). */
  record Value(int slot) implements Bind {}

  /** A JSON document holding the value at {@code path}, for {@code data @> ?::jsonb}. */
  record Containing(List<String> path, int slot, JsonShape shape) implements Bind {
    public Containing {
      path = List.copyOf(path);
    }
  }

  /** What the value becomes inside a containment document. */
  enum JsonShape {
    /** The value itself: {@code {"a":v}}. */
    VALUE,
    /** An array of the one element: {@code {"a":[v]}}. */
    ELEMENT,
    /** An array of the collection's elements: {@code {"a":[v1,v2]}}. */
    ELEMENTS
  }

  /** A collection or array as an SQL array of {@code elementType}, for {@code = ANY (?)}. */
  record Array(int slot, String elementType) implements Bind {}

  /** A collection as a text array of each element's JSON. */
  record JsonArray(int slot) implements Bind {}

  /** Text escaped for {@code LIKE} between two wildcard runs: {@code before + escaped + after}. */
  record Pattern(String before, int slot, String after) implements Bind {}

  /** {@code text} with {@code LIKE}'s wildcards and escape character escaped, to match literally. */
  static String escapeLike(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
