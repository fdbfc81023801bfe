package io.rillflow.internal.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.rillflow.DocumentPatch;
import io.rillflow.RillflowException;
import io.rillflow.internal.document.DocumentTable;
import io.rillflow.query.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds one patch's {@code UPDATE}: each change wraps the expression so far, starting from
 * {@code data}, so all changes apply in one statement and in the order given. Each change names the
 * expression so far once, so the statement and its parameters grow linearly with the changes (an
 * increment reads the number it adds to inside {@code rf_jsonb_increment}, not by repeating the
 * expression). Values are bound parameters; a path reaches SQL text only as a metamodel
 * {@link Path}, whose segments are checked property names (a dotted name is first resolved to one).
 */
final class JsonPatch<T> implements DocumentPatch<T> {
  private final DocumentTable<?, ?> table;
  private final ObjectWriter values;
  private String expression = "data";
  private final List<Object> parameters = new ArrayList<>();

  JsonPatch(DocumentTable<?, ?> table, ObjectWriter values) {
    this.table = table;
    this.values = values;
  }

  @Override
  public <V> DocumentPatch<T> set(Path<T, V> path, V value) {
    return set(path, json(path, value));
  }

  @Override
  public DocumentPatch<T> set(String path, Object value) {
    Path<?, ?> member = PatchPaths.resolve(table, path);
    String json = json(member, value);
    PatchPaths.requireFits(table, member, json, value);
    return set(member, json);
  }

  private DocumentPatch<T> set(Path<?, ?> path, String json) {
    expression = "jsonb_set(" + expression + ", " + literal(path) + ", ?::jsonb, true)";
    parameters.add(json);
    return this;
  }

  private String json(Path<?, ?> path, Object value) {
    try {
      return values.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new RillflowException("Cannot write the value for " + path.dotted() + " of " + table.typeName()
          + " as JSON: " + e.getOriginalMessage(), e);
    }
  }

  @Override
  public DocumentPatch<T> increment(Path<T, ? extends Number> path, long by) {
    return add(path, by);
  }

  @Override
  public DocumentPatch<T> increment(Path<T, ? extends Number> path, double by) {
    return add(path, by);
  }

  @Override
  public DocumentPatch<T> increment(String path, long by) {
    return add(number(path), by);
  }

  @Override
  public DocumentPatch<T> increment(String path, double by) {
    return add(number(path), by);
  }

  private Path<?, ?> number(String dotted) {
    Path<?, ?> member = PatchPaths.resolve(table, dotted);
    PatchPaths.requireNumber(table, member);
    return member;
  }

  private DocumentPatch<T> add(Path<?, ?> member, Object by) {
    // The function reads the number from the document as patched so far: increments and sets on one
    // path add up in order. The bounds keep the result readable as the member's Java type.
    expression = table.function("rf_jsonb_increment") + "(" + expression + ", " + literal(member)
        + "::text[], ?::numeric, ?::numeric, ?::numeric)";
    parameters.add(by);
    Class<?> type = member.valueType();
    parameters.add(lowest(type));
    parameters.add(highest(type));
    return this;
  }

  /** The smallest value the member's Java type holds, or {@code null} for unbounded (decimal and floating types). */
  private static Long lowest(Class<?> type) {
    if (type == long.class || type == Long.class) {
      return Long.MIN_VALUE;
    } else if (type == int.class || type == Integer.class) {
      return (long) Integer.MIN_VALUE;
    } else if (type == short.class || type == Short.class) {
      return (long) Short.MIN_VALUE;
    } else if (type == byte.class || type == Byte.class) {
      return (long) Byte.MIN_VALUE;
    }
    return null;
  }

  private static Long highest(Class<?> type) {
    Long lowest = lowest(type);
    return lowest == null ? null : -(lowest + 1);
  }

  @Override
  public DocumentPatch<T> remove(Path<T, ?> path) {
    return removeAt(path);
  }

  @Override
  public DocumentPatch<T> remove(String path) {
    return removeAt(PatchPaths.resolve(table, path));
  }

  private DocumentPatch<T> removeAt(Path<?, ?> path) {
    expression = "(" + expression + " #- " + literal(path) + ")";
    return this;
  }

  boolean isEmpty() {
    return parameters.isEmpty() && expression.equals("data");
  }

  /** The new-data expression, with the version written into the JSON for versioned types. */
  String expression() {
    if (table.versioned()) {
      return "jsonb_set(" + expression + ", '{" + table.mapping().versionProperty() + "}', to_jsonb(version + 1))";
    }
    return expression;
  }

  List<Object> parameters() {
    return parameters;
  }

  /** {@code '{a,b}'}: the path as a text-array literal; a Path's segments are property names (it checks them). */
  private static String literal(Path<?, ?> path) {
    return "'{" + String.join(",", path.segments()) + "}'";
  }
}
