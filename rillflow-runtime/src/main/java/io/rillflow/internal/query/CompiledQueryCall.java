package io.rillflow.internal.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.rillflow.query.Page;
import io.rillflow.query.PageRequest;
import io.rillflow.RillflowException;
import io.rillflow.query.Sort;
import io.rillflow.internal.document.DocumentTable;
import io.rillflow.internal.sql.ConnectionScope;
import io.rillflow.internal.sql.JdbcCursor;
import io.rillflow.spi.QueryCall;
import io.rillflow.sql.Bind;
import io.rillflow.sql.Statements;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Runs one call of a compile-time repository query. The SQL text comes from the processor; the
 * table's schema-qualified name is put in once per statement and cached by the table, as is the
 * SQL with a given ordering and paging appended.
 */
public final class CompiledQueryCall<T> implements QueryCall<T> {
  private final ConnectionScope scope;
  private final DeleteQueue deletes;
  private final DocumentTable<?, Object> table;
  private final ObjectMapper mapper;
  private final ObjectReader reader;
  private final String sql;
  private final List<Object> values;
  /** The session's identity map for documents; identity for projections and sessionless calls. */
  private final UnaryOperator<T> resolve;
  private Sort sort = Sort.unsorted();
  private int limit = -1;

  public CompiledQueryCall(ConnectionScope scope, DocumentTable<?, Object> table, ObjectMapper mapper, ObjectReader reader,
      String compiledSql, UnaryOperator<T> resolve, DeleteQueue deletes) {
    this(scope, table, mapper, reader, table.cachedSql(compiledSql, () -> compiledSql), new ArrayList<>(), resolve,
        deletes);
  }

  private CompiledQueryCall(ConnectionScope scope, DocumentTable<?, Object> table, ObjectMapper mapper, ObjectReader reader,
      String sql, List<Object> values, UnaryOperator<T> resolve, DeleteQueue deletes) {
    this.scope = scope;
    this.deletes = deletes;
    this.table = table;
    this.mapper = mapper;
    this.reader = reader;
    this.sql = sql;
    this.values = values;
    this.resolve = resolve;
  }

  @Override
  public QueryCall<T> bind(Object value) {
    values.add(ValueKinds.jdbcValue(value));
    return this;
  }

  @Override
  public QueryCall<T> bindContaining(List<String> path, Object value) {
    values.add(BindValues.containing(mapper, path, value, Bind.JsonShape.VALUE));
    return this;
  }

  @Override
  public QueryCall<T> bindContainingAll(List<String> path, Collection<?> elements) {
    values.add(BindValues.containing(mapper, path, elements, Bind.JsonShape.ELEMENTS));
    return this;
  }

  @Override
  public QueryCall<T> bindArray(Object collectionOrArray, String elementType) {
    values.add(BindValues.array(collectionOrArray, elementType));
    return this;
  }

  @Override
  public QueryCall<T> bindJsonArray(Collection<?> elements) {
    values.add(BindValues.jsonArray(mapper, elements));
    return this;
  }

  @Override
  public QueryCall<T> bindPattern(String before, String text, String after) {
    values.add(BindValues.pattern(before, text, after));
    return this;
  }

  @Override
  public QueryCall<T> sort(Sort newSort) {
    this.sort = newSort == null ? Sort.unsorted() : newSort;
    return this;
  }

  @Override
  public QueryCall<T> limit(int count) {
    this.limit = count;
    return this;
  }

  @Override
  public Optional<T> optional() {
    List<T> found = read(sort, limit, 0, 2);
    if (found.size() > 1) {
      throw new RillflowException("Expected at most one " + table.typeName() + " but found more than one; "
          + "return a List, or make the condition unique");
    }
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  @Override
  public T single() {
    return optional().orElseThrow(() -> new RillflowException("Expected exactly one " + table.typeName()
        + " but found none"));
  }

  @Override
  public List<T> list() {
    return read(sort, limit, 0, 0);
  }

  @Override
  public Stream<T> stream() {
    return run(sort, limit, 0);
  }

  @Override
  public Page<T> page(PageRequest request, String countSql) {
    List<T> items = read(request.sort().and(sort), request.size(), request.offset(), 0);
    // The count statement is the processor's, written for the same values, qualified once like this call's.
    long total = count(table.cachedSql(countSql, () -> countSql));
    return new Page<>(items, request.page(), request.size(), total);
  }

  @Override
  public <R> QueryCall<R> as(Class<R> projection) {
    return new CompiledQueryCall<>(scope, table, mapper, mapper.readerFor(projection), sql, values,
        UnaryOperator.identity(), deletes);
  }

  @Override
  public long count() {
    return count(sql);
  }

  /** Runs {@code countSql} (one number) with this call's values. */
  private long count(String countSql) {
    try {
      return scope.statement(connection -> {
        try (PreparedStatement statement = connection.prepareStatement(countSql)) {
          Parameters.bind(statement, values, 1);
          try (ResultSet rows = statement.executeQuery()) {
            return rows.next() ? rows.getLong(1) : 0L;
          }
        }
      });
    } catch (SQLException e) {
      throw new RillflowException("Cannot query " + table.typeName() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public boolean exists() {
    return count() > 0;
  }

  @Override
  @SuppressWarnings("unchecked")
  public long execute() {
    String returning = table.cachedSql(new Returning(sql), () -> sql + " RETURNING id");
    if (deletes.queue((DocumentTable<Object, Object>) table, returning, values)) {
      // Queued for saveChanges(): what it will delete is what matches now, unless the unit of work changes it.
      return count(table.cachedSql(new Counting(sql), () -> countOf(sql)));
    }
    try {
      return scope.statement(connection -> {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
          Parameters.bind(statement, values, 1);
          return (long) statement.executeUpdate();
        }
      });
    } catch (SQLException e) {
      throw new RillflowException("Cannot change " + table.typeName() + " documents: " + e.getMessage(), e);
    }
  }

  private Stream<T> run(Sort order, int maxRows, long offset) {
    return JdbcCursor.stream(scope, sql(order, maxRows, offset), binder(maxRows, offset),
        row -> read(row.getString(1)), table.typeName());
  }

  /** Reads into a list in one round trip; {@code cap} rows at most (0: all). */
  private List<T> read(Sort order, int maxRows, long offset, int cap) {
    return JdbcCursor.list(scope, sql(order, maxRows, offset), binder(maxRows, offset),
        row -> read(row.getString(1)), cap, table.typeName());
  }

  private String sql(Sort order, int maxRows, long offset) {
    return order.isUnsorted() && maxRows < 0 && offset == 0 ? sql
        : table.cached(new Refined(sql, order, maxRows >= 0, offset > 0),
            () -> table.qualify(sql + OrderBySql.of(table, order, sql.contains(" ORDER BY ")) + (maxRows >= 0 ? " LIMIT ?" : "")
                + (offset > 0 ? " OFFSET ?" : "")));
  }

  /**
   * The cache key of the statement with a call's ordering and paging: a record, so a call builds no
   * key string (limits known at compile time are already in the statement and never get here).
   */
  private record Refined(String sql, Sort sort, boolean limited, boolean skipped) {}

  /** Cache keys of a delete's derived statements: the ids it returns, and the count of what it matches. */
  private record Returning(String delete) {}

  private record Counting(String delete) {}

  /**
   * The rule book's count over what a delete ({@code DELETE FROM t WHERE ...}, or a soft delete's
   * {@code UPDATE t SET deleted_at = now() WHERE ...}) would change: the same condition, so the same values.
   */
  private static String countOf(String delete) {
    // The delete is qualified already: its WHERE carries the tenant's predicate where there is one.
    int where = delete.indexOf(" WHERE ");
    return Statements.count(where < 0 ? "" : delete.substring(where));
  }

  private JdbcCursor.Binder binder(int maxRows, long offset) {
    return statement -> {
      int next = Parameters.bind(statement, values, 1);
      if (maxRows >= 0) {
        statement.setInt(next++, maxRows);
      }
      if (offset > 0) {
        statement.setLong(next, offset);
      }
    };
  }

  private T read(String json) {
    try {
      return resolve.apply(reader.readValue(json));
    } catch (JsonProcessingException e) {
      throw new RillflowException("Cannot read a " + table.typeName() + " result: " + e.getOriginalMessage(), e);
    }
  }
}
