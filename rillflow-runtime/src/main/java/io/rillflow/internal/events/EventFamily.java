package io.rillflow.internal.events;

import io.rillflow.spi.EventMapping;
import java.util.Map;

/**
 * Every version of one event type name: the current class (the highest version) and the upcast
 * steps that lead to it, by the version each reads.
 *
 * @param name the type name
 * @param current the class of the highest version
 * @param steps the upcast steps by the version they read; contiguous up to the current version
 */
record EventFamily(String name, EventMapping<?> current, Map<Integer, UpcastStep> steps) {

  /** The current schema version. */
  int currentVersion() {
    return current.schemaVersion();
  }
}
