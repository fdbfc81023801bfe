package io.rillflow.processor.model;

import java.util.List;

/**
 * One {@code @Duplicated} value of a document.
 *
 * @param column the column name
 * @param path the JSON property names from the root
 * @param columnType the name of the {@code io.rillflow.spi.ColumnType} constant
 * @param indexed whether it gets an index
 * @param unique whether the index is unique
 * @param lowercase whether a text value is stored in lower case
 */
public record DuplicatedModel(
    String column, List<String> path, String columnType, boolean indexed, boolean unique, boolean lowercase) {}
