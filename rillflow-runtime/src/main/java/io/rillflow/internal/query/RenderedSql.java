package io.rillflow.internal.query;

import java.util.List;

/**
 * SQL with its parameters' values in order. The text depends only on the query's shape; the
 * values are this call's.
 */
record RenderedSql(String sql, List<Object> parameters) {}
