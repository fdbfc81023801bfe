package io.rillflow.internal.session;

import io.rillflow.internal.document.DocumentTable;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The documents one session has loaded or stored, by type and id: the same id gives the same
 * instance. {@link #NONE} is the map of a session without one (a lightweight session): it
 * remembers nothing.
 */
class IdentityMap {
  /** Remembers nothing. */
  static final IdentityMap NONE = new IdentityMap() {
    @Override
    <T> T get(Class<T> type, Object id) {
      return null;
    }

    @Override
    void put(Class<?> type, Object id, Object document) {}

    @Override
    void replace(Class<?> type, Object id, Object old, Object current) {}

    @Override
    void remove(Class<?> type, Object id) {}

    @Override
    void clear() {}

    @Override
    <T> UnaryOperator<T> resolver(DocumentTable<T, Object> table) {
      return UnaryOperator.identity();
    }
  };

  private final Map<Class<?>, Map<Object, Object>> byType = new HashMap<>();

  <T> T get(Class<T> type, Object id) {
    Map<Object, Object> documents = byType.get(type);
    return documents == null ? null : type.cast(documents.get(id));
  }

  void put(Class<?> type, Object id, Object document) {
    byType.computeIfAbsent(type, t -> new HashMap<>()).put(id, document);
  }

  /** Puts {@code current} in place of {@code old}, when the map still holds that very instance. */
  void replace(Class<?> type, Object id, Object old, Object current) {
    Map<Object, Object> documents = byType.get(type);
    if (documents != null && documents.get(id) == old) {
      documents.put(id, current);
    }
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

  /**
   * How a document a query read becomes the instance the session holds: the one already held for its
   * id, as {@code load()} returns, else the new one, now held.
   */
  <T> UnaryOperator<T> resolver(DocumentTable<T, Object> table) {
    Class<T> type = table.mapping().documentType();
    return document -> {
      Object id = table.mapping().id(document);
      T known = get(type, id);
      if (known != null) {
        return known;
      }
      put(type, id, document);
      return document;
    };
  }
}
