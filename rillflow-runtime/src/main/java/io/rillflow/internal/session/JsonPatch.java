package io.rillflow.internal.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.rillflow.DocumentPatch;
import io.rillflow.RillflowException;
import io.rillflow.internal.document.DocumentTable;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Builds one patch's {@code UPDATE}: each change wraps the expression so far, starting from
 * {@code data}, so all changes apply in one statement and in the order given. Each change names the
 * expression so far once, so the statement and its parameters grow linearly with the changes (an
 * increment reads the number it adds to inside {@code rf_jsonb_increment}, not by repeating the
 * expression). Values are bound parameters; paths are checked to be property names before they
 * reach SQL text.
 */
final class JsonPatch implements DocumentPatch {
  private static final Pattern PROPERTY = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

  private final DocumentTable<?, ?> table;
  private final ObjectWriter values;
  private String expression = "data";
  private final List<Object> parameters = new ArrayList<>();

  JsonPatch(DocumentTable<?, ?> table, ObjectWriter values) {
    this.table = table;
    this.values = values;
  }

  @Override
  public DocumentPatch set(String path, Object value) {
    String json;
    try {
      json = values.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new RillflowException("Cannot write the value for " + path + " of " + table.typeName()
          + " as JSON: " + e.getOriginalMessage(), e);
    }
    expression = "jsonb_set(" + expression + ", " + literal(path) + ", ?::jsonb, true)";
    parameters.add(json);
    return this;
  }

  @Override
  public DocumentPatch increment(String path, long by) {
    return add(path, by);
  }

  @Override
  public DocumentPatch increment(String path, double by) {
    return add(path, by);
  }

  private DocumentPatch add(String path, Object by) {
    // The function reads the number from the document as patched so far: increments and sets on one
    // path add up in order. The bounds keep the result readable as the member's Java type.
    expression = table.function("rf_jsonb_increment") + "(" + expression + ", " + literal(path)
        + "::text[], ?::numeric, ?::numeric, ?::numeric)";
    parameters.add(by);
    io.rillflow.query.Path<?, ?> member = table.mapping().path(path);
    Class<?> type = member == null ? null : member.valueType();
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
  public DocumentPatch remove(String path) {
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

  /** {@code '{a,b}'}: the path as a text-array literal; only property names may appear in it. */
  private String literal(String path) {
    String[] segments = path.split("\\.", -1);
    for (String segment : segments) {
      if (!PROPERTY.matcher(segment).matches()) {
        throw new IllegalArgumentException("Patch path \"" + path + "\" of " + table.typeName()
            + " is not a dotted list of property names");
      }
    }
    return "'{" + String.join(",", segments) + "}'";
  }
}
