package io.rillflow.internal.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rillflow.QuerySession;
import io.rillflow.events.EventDeserializationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Turns a stored event of one type name, at whatever schema version it was written, into an
 * instance of the type's current class: the one place where upcasting happens, for every read
 * path.
 *
 * <p>A stored row at the current version is read straight into the current class. An older row is
 * carried through the steps from its version up; between steps the value is held either as a JSON
 * tree (for JSON steps) or as an instance (for typed steps) and converted only when the next step
 * needs the other form, so a chain of typed steps parses the row once and a chain of JSON steps
 * binds it to a class once, at the end.
 */
final class UpcastChain {
  private final String name;
  private final EventType current;
  private final Map<Integer, UpcastStep> steps;
  private final Map<Class<?>, EventType> types;
  private final ObjectMapper mapper;
  /** The highest stored version whose way up passes a lookup step (its reads go through {@link UpcastLookups}); -1 when none. */
  private final int lookupBelow;

  UpcastChain(EventFamily family, Map<Class<?>, EventType> types, ObjectMapper mapper) {
    this.lookupBelow = family.steps().values().stream().filter(UpcastStep::lookup).mapToInt(UpcastStep::fromVersion)
        .max().orElse(-1);
    this.name = family.name();
    this.current = types.get(family.current().eventType());
    this.steps = family.steps();
    this.types = types;
    this.mapper = mapper;
  }

  /** The class every read of this type returns. */
  EventType current() {
    return current;
  }

  /**
   * The current-class instance of a row stored at {@code version}.
   *
   * @throws EventDeserializationException naming the type, version and position when the JSON does
   *     not fit, a step is missing, or a step fails
   */
  Object read(String json, int version, long position, UpcastLookups.Read lookups) {
    if (version == current.version()) {
      return readCurrent(reader -> reader.readValue(json), position);
    }
    if (version > current.version()) {
      throw unreadable(version, position, "it is newer than the current class "
          + current.mapping().eventType().getName() + " (version " + current.version() + ")", null);
    }
    if (version <= lookupBelow) {
      return lookups.upcast(name, version, position, session -> upcast(json, version, position, session));
    }
    return upcast(json, version, position, null);
  }

  /**
   * As {@link #read(String, int, long, UpcastLookups.Read)}, from the JSON's UTF-8 bytes as the
   * driver received them: the current version is parsed from them directly (no {@code String} made
   * of them, no copy of it into Jackson's buffer); an older one is made text for its upcasts.
   */
  Object read(byte[] json, int version, long position, UpcastLookups.Read lookups) {
    if (version != current.version()) {
      return read(new String(json, StandardCharsets.UTF_8), version, position, lookups);
    }
    return readCurrent(reader -> reader.readValue(json), position);
  }

  /** How the current class is read from one form of the JSON. */
  @FunctionalInterface
  private interface CurrentRead {
    Object from(ObjectReader reader) throws IOException;
  }

  private Object readCurrent(CurrentRead read, long position) {
    try {
      return read.from(current.reader());
    } catch (IOException e) {
      throw unreadable(current.version(), position, "its JSON does not fit " + current.mapping().eventType().getName(),
          e);
    }
  }

  /** Carries an old row through the steps; {@code session} is what lookup steps look things up in. */
  private Object upcast(String json, int version, long position, QuerySession session) {
    JsonNode tree = null;
    Object value = null;
    for (int from = version; from < current.version(); from++) {
      UpcastStep step = steps.get(from);
      if (step == null) {
        throw unreadable(version, position, "no upcast reads version " + from, null);
      }
      try {
        if (step instanceof UpcastStep.Json jsonStep) {
          ObjectNode input = tree != null ? asObject(tree) : value != null ? asObject(mapper.valueToTree(value)) : asObject(mapper.readTree(json));
          tree = jsonStep.step().apply(input, session);
          value = null;
          if (tree == null) {
            throw new IllegalStateException("it returned null");
          }
        } else {
          UpcastStep.Typed typed = (UpcastStep.Typed) step;
          Class<?> inputClass = typed.from().eventType();
          Object input = inputClass.isInstance(value) ? value : readAs(inputClass, tree, json);
          value = typed.step().apply(input, session);
          tree = null;
          if (value == null) {
            throw new IllegalStateException("it returned null");
          }
        }
      } catch (IOException e) {
        throw unreadable(version, position, "its JSON does not fit the input of " + step.describe(), e);
      } catch (RuntimeException e) {
        throw unreadable(version, position, step.describe() + " failed: " + e.getMessage(), e);
      }
    }
    if (value != null) {
      return value;
    }
    try {
      return current.reader().readValue(tree);
    } catch (IOException e) {
      throw unreadable(version, position, "the upcast JSON does not fit " + current.mapping().eventType().getName(), e);
    }
  }

  private Object readAs(Class<?> type, JsonNode tree, String json) throws IOException {
    EventType eventType = types.get(type);
    return tree != null ? eventType.reader().readValue(tree) : eventType.reader().readValue(json);
  }

  private static ObjectNode asObject(JsonNode node) {
    if (node instanceof ObjectNode object) {
      return object;
    }
    throw new IllegalStateException("the stored JSON is not an object but " + node.getNodeType());
  }

  private EventDeserializationException unreadable(int version, long position, String problem, Throwable cause) {
    String detail = cause instanceof JsonProcessingException json ? ": " + json.getOriginalMessage() : "";
    return new EventDeserializationException(name, version, position, problem + detail, cause);
  }
}
