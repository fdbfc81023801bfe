package io.rillflow.internal.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/**
 * The JSON document that contains a value at a path, for {@code data @> ?::jsonb}:
 * {@code {"address":{"city":"Paris"}}} for {@code address.city = "Paris"}.
 */
final class Containment {
  private Containment() {}

  static String of(ObjectMapper mapper, List<String> path, JsonNode value) {
    JsonNode node = value;
    for (int i = path.size() - 1; i >= 0; i--) {
      node = mapper.createObjectNode().set(path.get(i), node);
    }
    return node.toString();
  }
}
