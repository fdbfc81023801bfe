package io.rillflow.internal.events;

import io.rillflow.events.EventQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@link EventQuery} resolved for one store: each item's stored type names and tags, the shape
 * its SQL is cached by, and the binding of its parameters (see {@link TagSql}).
 *
 * @param items the items, in order
 */
record TaggedQuery(List<Item> items) {

  /**
   * One item, resolved.
   *
   * @param types stored type names, any type when empty
   * @param tags {@code name:value} tags, all required; any tags when empty
   */
  record Item(List<String> types, List<String> tags) {
    /** The item's SQL shape: T (tags), B (both), Y (types), A (all). */
    char shape() {
      if (tags.isEmpty()) {
        return types.isEmpty() ? 'A' : 'Y';
      }
      return types.isEmpty() ? 'T' : 'B';
    }
  }

  /** Resolves the query's classes to stored type names. */
  static TaggedQuery of(EventQuery query, EventCatalog catalog) {
    List<Item> items = new ArrayList<>();
    for (EventQuery.Item item : query.items()) {
      List<String> names = new ArrayList<>();
      for (Class<?> type : item.types()) {
        String name = catalog.typeName(type);
        if (name == null) {
          throw new IllegalArgumentException(type.getName() + " in an event query is not an event of this store:"
              + " annotate it @Event and make sure the Rillflow processor ran on it");
        }
        if (!names.contains(name)) {
          names.add(name);
        }
      }
      items.add(new Item(List.copyOf(names), item.tags()));
    }
    return new TaggedQuery(List.copyOf(items));
  }

  /** The shape the statement is cached by: one letter per item. */
  String shape() {
    StringBuilder shape = new StringBuilder(items.size());
    items.forEach(item -> shape.append(item.shape()));
    return shape.toString();
  }

  /**
   * Binds every item's parameters from {@code index} on, each followed by the window's parameters
   * that {@code window} binds; returns the next index.
   */
  int bind(PreparedStatement statement, int index, Window window) throws SQLException {
    Connection connection = statement.getConnection();
    int i = index;
    for (Item item : items) {
      if (!item.tags().isEmpty()) {
        statement.setArray(i++, connection.createArrayOf("text", item.tags().toArray()));
      }
      if (!item.types().isEmpty()) {
        statement.setArray(i++, connection.createArrayOf("text", item.types().toArray()));
      }
      i = window.bind(statement, i);
      if (!item.tags().isEmpty()) {
        statement.setInt(i++, item.tags().size());
      }
    }
    return i;
  }

  /** Binds the parameters of the part of global order an item's rows must lie in. */
  @FunctionalInterface
  interface Window {
    int bind(PreparedStatement statement, int index) throws SQLException;
  }
}
