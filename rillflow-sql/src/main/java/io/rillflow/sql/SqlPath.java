package io.rillflow.sql;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A document path as the rules see it.
 *
 * @param segments JSON property names from the document root
 * @param column the {@code @Duplicated} column holding the value, or {@code null}
 * @param lowercase whether that column holds the value in lower case
 * @param compareType the type the value compares as (see {@link SqlTypes#compareType}); for a
 *     collection, its elements'
 * @param collection whether the path leads to a JSON array
 */
public record SqlPath(List<String> segments, String column, boolean lowercase, String compareType, boolean collection) {
  private static final Pattern PROPERTY = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

  public SqlPath {
    segments = List.copyOf(segments);
    if (segments.isEmpty()) {
      throw new IllegalArgumentException("A path needs at least one property name");
    }
    for (String segment : segments) {
      // Segments reach SQL text ('{a,b}'): only property names may.
      if (!PROPERTY.matcher(segment).matches()) {
        throw new IllegalArgumentException("Path " + String.join(".", segments)
            + " has a segment that is not a property name: " + segment);
      }
    }
    if (column != null) {
      SqlIdentifiers.quote(column);
    }
    lowercase = column != null && lowercase;
    compareType = compareType == null ? "text" : compareType;
  }

  /** A path to a value stored only in the JSON. */
  public static SqlPath json(List<String> segments, String compareType) {
    return new SqlPath(segments, null, false, compareType, false);
  }

  public String dotted() {
    return String.join(".", segments);
  }
}
