package io.rillflow.spi;

import java.util.List;
import java.util.Objects;

/**
 * One {@code @Duplicated} value: a JSON path copied into a real column (a stored generated column,
 * so it never disagrees with the JSON) with an optional index.
 *
 * @param column the column name
 * @param path the JSON property names from the document root, for example {@code [address, city]}
 * @param type the column's type
 * @param indexed whether the column has an index
 * @param unique whether that index is unique
 * @param lowercase whether a text column holds the value in lower case
 */
public record DuplicatedField(
    String column, List<String> path, ColumnType type, boolean indexed, boolean unique, boolean lowercase) {

  public DuplicatedField {
    Objects.requireNonNull(column, "column");
    path = List.copyOf(path);
    Objects.requireNonNull(type, "type");
  }

  /** What generated mappings call: the options named, not three positional booleans. */
  public DuplicatedField(String column, List<String> path, ColumnType type, Index index, TextCase textCase) {
    this(column, path, type, index != Index.NONE, index == Index.UNIQUE, textCase == TextCase.LOWER);
  }

  /** Whether the column has an index, and whether it is unique. */
  public enum Index { NONE, PLAIN, UNIQUE }

  /** How a text column holds its value. */
  public enum TextCase { AS_STORED, LOWER }
}
