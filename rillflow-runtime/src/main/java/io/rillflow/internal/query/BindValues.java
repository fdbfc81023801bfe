package io.rillflow.internal.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.rillflow.sql.Bind;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Turns values into what a placeholder of the rule book's SQL takes, one method per kind of
 * {@link Bind}: the dynamic API applies a cached bind plan with {@link #apply}, and generated
 * repositories call the same methods through {@code QueryCall}, so both bind alike.
 */
final class BindValues {
  private BindValues() {}

  /** One value per bind of {@code plan}, taken from {@code slots}. */
  static List<Object> apply(List<Bind> plan, List<Object> slots, ObjectMapper mapper) {
    List<Object> values = new ArrayList<>(plan.size());
    for (Bind bind : plan) {
      Object value = slots.get(bind.slot());
      if (bind instanceof Bind.Value) {
        values.add(ValueKinds.jdbcValue(value));
      } else if (bind instanceof Bind.Containing containing) {
        values.add(containing(mapper, containing.path(), value, containing.shape()));
      } else if (bind instanceof Bind.Array array) {
        values.add(array(value, array.elementType()));
      } else if (bind instanceof Bind.JsonArray) {
        values.add(jsonArray(mapper, elements(value)));
      } else {
        Bind.Pattern pattern = (Bind.Pattern) bind;
        values.add(pattern(pattern.before(), (String) value, pattern.after()));
      }
    }
    return values;
  }

  /**
   * The JSON document that contains the value at a path, for {@code data @> ?::jsonb}:
   * {@code {"address":{"city":"Paris"}}} for {@code address.city = "Paris"}.
   */
  static String containing(ObjectMapper mapper, List<String> path, Object value, Bind.JsonShape shape) {
    JsonNode node = switch (shape) {
      case VALUE -> mapper.valueToTree(value);
      case ELEMENT -> mapper.createArrayNode().add(mapper.<JsonNode>valueToTree(value));
      case ELEMENTS -> {
        ArrayNode array = mapper.createArrayNode();
        elements(value).forEach(e -> array.add(mapper.<JsonNode>valueToTree(e)));
        yield array;
      }
    };
    for (int i = path.size() - 1; i >= 0; i--) {
      node = mapper.createObjectNode().set(path.get(i), node);
    }
    return node.toString();
  }

  static SqlArray array(Object collectionOrArray, String elementType) {
    return new SqlArray(elementType, elements(collectionOrArray).stream().map(ValueKinds::jdbcValue).toArray());
  }

  static SqlArray jsonArray(ObjectMapper mapper, Collection<?> elements) {
    return new SqlArray("text", elements.stream().map(e -> mapper.valueToTree(e).toString()).toArray());
  }

  static String pattern(String before, String text, String after) {
    return before + Bind.escapeLike(text) + after;
  }

  static Collection<?> elements(Object collectionOrArray) {
    if (collectionOrArray instanceof Collection<?> collection) {
      return collection;
    }
    if (collectionOrArray != null && collectionOrArray.getClass().isArray()) {
      List<Object> list = new ArrayList<>();
      for (int i = 0; i < Array.getLength(collectionOrArray); i++) {
        list.add(Array.get(collectionOrArray, i));
      }
      return list;
    }
    throw new IllegalArgumentException("Expected a collection or an array but got " + collectionOrArray);
  }

  /** An array parameter: its element type and values, turned into a JDBC array when bound. */
  record SqlArray(String elementType, Object[] values) {}
}
