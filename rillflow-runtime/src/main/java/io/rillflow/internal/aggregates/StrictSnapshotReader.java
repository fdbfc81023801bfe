package io.rillflow.internal.aggregates;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a snapshot's JSON as the aggregate class, strictly: unknown properties fail (whatever the
 * store's mapper says), and so do missing ones. Jackson has no switch for missing properties of a
 * plain class (it leaves the field as the constructor made it, so {@code {}} reads as a fresh
 * state), so the decoded state is written back and its property names, at every level of objects,
 * must be the stored JSON's: a snapshot is written by the same writer, so a sound one always
 * matches. Values are not compared: jsonb may spell a number differently from Jackson.
 */
final class StrictSnapshotReader {
  /** The stored JSON's properties are not the class's. */
  static final class MismatchException extends Exception {
    MismatchException(String message) {
      super(message);
    }
  }

  private StrictSnapshotReader() {}

  static <A> A read(ObjectReader reader, ObjectWriter writer, String json) throws IOException, MismatchException {
    ObjectReader strict = reader.with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
        DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES, DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    JsonNode stored = strict.readTree(json);
    A state = strict.readValue(stored);
    JsonNode written = strict.readTree(writer.writeValueAsString(state));
    compare(stored, written, "$");
    return state;
  }

  private static void compare(JsonNode stored, JsonNode written, String path) throws MismatchException {
    if (stored.isObject() && written.isObject()) {
      Set<String> storedNames = names(stored);
      Set<String> writtenNames = names(written);
      if (!storedNames.equals(writtenNames)) {
        Set<String> missing = new TreeSet<>(writtenNames);
        missing.removeAll(storedNames);
        Set<String> unknown = new TreeSet<>(storedNames);
        unknown.removeAll(writtenNames);
        throw new MismatchException("at " + path + ": missing properties " + missing + ", unknown properties "
            + unknown);
      }
      for (String name : storedNames) {
        compare(stored.get(name), written.get(name), path + "." + name);
      }
    } else if (stored.isArray() && written.isArray() && stored.size() == written.size()) {
      for (int i = 0; i < stored.size(); i++) {
        compare(stored.get(i), written.get(i), path + "[" + i + "]");
      }
    } else if (stored.isObject() != written.isObject()) {
      throw new MismatchException("at " + path + ": stored " + stored.getNodeType() + ", the class writes "
          + written.getNodeType());
    }
  }

  private static Set<String> names(JsonNode node) {
    Set<String> names = new TreeSet<>();
    for (Iterator<String> i = node.fieldNames(); i.hasNext(); ) {
      names.add(i.next());
    }
    return names;
  }
}
