package io.rillflow.internal.session;

import com.fasterxml.jackson.databind.node.JsonNodeType;
import io.rillflow.internal.document.DocumentTable;
import io.rillflow.query.CollectionPath;
import io.rillflow.query.ObjectPath;
import io.rillflow.query.Path;
import java.time.temporal.TemporalAccessor;
import java.util.UUID;

/**
 * The run-time check of a patch given by dotted name: the name must be a member of the mapping (its
 * metamodel path) and a value must have that member's JSON type, so that what a patch writes reads
 * back as the class. The JSON type of a value is what the store's mapper writes for it, not a guess
 * from its Java class; a member whose JSON type cannot be told from its class (a custom value type)
 * takes any value.
 */
final class PatchPaths {
  private PatchPaths() {}

  /**
   * The mapping's path for {@code dotted}.
   *
   * @throws IllegalArgumentException naming the document and the path when there is none
   */
  static Path<?, ?> resolve(DocumentTable<?, ?> table, String dotted) {
    Path<?, ?> path = dotted == null ? null : table.mapping().path(dotted);
    if (path == null) {
      throw new IllegalArgumentException(table.typeName() + " has no member \"" + dotted + "\" to patch; nothing"
          + " was queued (a path is member names separated by dots, as in " + table.typeName() + "_)");
    }
    return path;
  }

  /** Refuses a path that does not hold a number. */
  static void requireNumber(DocumentTable<?, ?> table, Path<?, ?> path) {
    JsonNodeType expected = expected(path);
    if (expected != JsonNodeType.NUMBER) {
      throw new IllegalArgumentException("Cannot increment " + table.typeName() + "." + path.dotted() + ": it is "
          + describe(expected, path) + ", not a number; nothing was queued");
    }
  }

  /** Refuses a value whose JSON does not have the member's JSON type; null fits any member. */
  static void requireFits(DocumentTable<?, ?> table, Path<?, ?> path, String json, Object raw) {
    JsonNodeType expected = expected(path);
    JsonNodeType actual = jsonType(json);
    if (expected == null || actual == JsonNodeType.NULL || actual == expected) {
      return;
    }
    throw new IllegalArgumentException("Cannot set " + table.typeName() + "." + path.dotted() + " to " + raw
        + " (" + raw.getClass().getSimpleName() + ", a JSON " + actual.name().toLowerCase() + "): the member is "
        + describe(expected, path) + "; nothing was queued");
  }

  /** The JSON type of a JSON text the mapper wrote: its first character tells. */
  private static JsonNodeType jsonType(String json) {
    char first = json.strip().charAt(0);
    return switch (first) {
      case '{' -> JsonNodeType.OBJECT;
      case '[' -> JsonNodeType.ARRAY;
      case '"' -> JsonNodeType.STRING;
      case 't', 'f' -> JsonNodeType.BOOLEAN;
      case 'n' -> JsonNodeType.NULL;
      default -> JsonNodeType.NUMBER;
    };
  }

  private static String describe(JsonNodeType type, Path<?, ?> path) {
    String kind = type == null ? "of a custom type" : "a JSON " + type.name().toLowerCase();
    return kind + " (" + (path instanceof CollectionPath<?, ?> ? "a collection of " : "")
        + path.valueType().getSimpleName() + ")";
  }

  /** The JSON type the member's class is written as, or {@code null} when its class does not tell. */
  private static JsonNodeType expected(Path<?, ?> path) {
    if (path instanceof CollectionPath<?, ?>) {
      return JsonNodeType.ARRAY;
    }
    if (path instanceof ObjectPath<?>) {
      return JsonNodeType.OBJECT;
    }
    Class<?> type = path.valueType();
    if (Number.class.isAssignableFrom(type) || type == int.class || type == long.class || type == double.class
        || type == float.class || type == short.class || type == byte.class) {
      return JsonNodeType.NUMBER;
    }
    if (type == Boolean.class || type == boolean.class) {
      return JsonNodeType.BOOLEAN;
    }
    if (CharSequence.class.isAssignableFrom(type) || type == Character.class || type == char.class || type.isEnum()
        || type == UUID.class || TemporalAccessor.class.isAssignableFrom(type)) {
      return JsonNodeType.STRING;
    }
    return null;
  }
}
