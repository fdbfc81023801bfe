package io.rillflow.internal.session;

import java.util.HashMap;
import java.util.Map;

/** The documents one session has loaded or stored, by type and id: the same id gives the same instance. */
final class IdentityMap {
  private final Map<Class<?>, Map<Object, Object>> byType = new HashMap<>();

  <T> T get(Class<T> type, Object id) {
    Map<Object, Object> documents = byType.get(type);
    return documents == null ? null : type.cast(documents.get(id));
  }

  void put(Class<?> type, Object id, Object document) {
    byType.computeIfAbsent(type, t -> new HashMap<>()).put(id, document);
  }

  void remove(Class<?> type, Object id) {
    Map<Object, Object> documents = byType.get(type);
    if (documents != null) {
      documents.remove(id);
    }
  }

  void clear() {
    byType.clear();
  }
}
