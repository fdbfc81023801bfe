package io.rillflow.internal.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.rillflow.Page;
import io.rillflow.PageRequest;
import io.rillflow.RillflowException;
import io.rillflow.Sort;
import io.rillflow.internal.document.DocumentTable;
import io.rillflow.internal.sql.JdbcCursor;
import io.rillflow.internal.sql.Transaction;
import io.rillflow.spi.QueryCall;
import io.rillflow.sql.Bind;
import io.rillflow.sql.Statements;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * Runs one call of a compile-time repository query. The SQL text comes from the processor; the
 * table's schema-qualified name is put in once per statement and cached by the table, as is the
 * SQL with a given ordering and paging appended.
 */
public final class CompiledQueryCall<T> implements QueryCall<T> {
  private final DataSource dataSource;
  private final DocumentTable<?, Object> table;
  private final ObjectMapper mapper;
  private final ObjectReader reader;
  private final String sql;
  private final List<Object> values;
  /** The session's identity map for documents; identity for projections and sessionless calls. */
  private final UnaryOperator<T> resolve;
  private Sort sort = Sort.unsorted();
  private int limit = -1;

  public CompiledQueryCall(DataSource dataSource, DocumentTable<?, Object> table, ObjectMapper mapper, ObjectReader reader,
      String compiledSql, UnaryOperator<T> resolve) {
    this(dataSource, table, mapper, reader, table.cachedSql(compiledSql,
        () -> Statements.qualify(compiledSql, table.qualifiedName())), new ArrayList<>(), resolve);
  }

  private CompiledQueryCall(DataSource dataSource, DocumentTable<?, Object> table, ObjectMapper mapper, ObjectReader reader,
      String sql, List<Object> values, UnaryOperator<T> resolve) {
    this.dataSource = dataSource;
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
    return Optional.ofNullable(single());
  }

  @Override
  public T single() {
    List<T> found = read(sort, limit, 0, 2);
    if (found.size() > 1) {
      throw new RillflowException("Expected at most one " + table.typeName() + " but found more than one; "
          + "return a List, or make the condition unique");
    }
    return found.isEmpty() ? null : found.get(0);
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
    long total = new CompiledQueryCall<T>(dataSource, table, mapper, reader, countSql, resolve).withValues(values).count();
    return new Page<>(items, request.page(), request.size(), total);
  }

  private CompiledQueryCall<T> withValues(List<Object> bound) {
    values.addAll(bound);
    return this;
  }

  @Override
  public <R> QueryCall<R> as(Class<R> projection) {
    return new CompiledQueryCall<>(dataSource, table, mapper, mapper.readerFor(projection), sql, values,
        UnaryOperator.identity());
  }

  @Override
  public long count() {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      Parameters.bind(statement, values, 1);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? rows.getLong(1) : 0;
      }
    } catch (SQLException e) {
      throw new RillflowException("Cannot query " + table.typeName() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public boolean exists() {
    return count() > 0;
  }

  @Override
  public long execute() {
    try (Connection connection = Transaction.autoCommitting(dataSource.getConnection());
        PreparedStatement statement = connection.prepareStatement(sql)) {
      Parameters.bind(statement, values, 1);
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw new RillflowException("Cannot change " + table.typeName() + " documents: " + e.getMessage(), e);
    }
  }

  private Stream<T> run(Sort order, int maxRows, long offset) {
    return JdbcCursor.stream(dataSource, sql(order, maxRows, offset), binder(maxRows, offset),
        row -> read(row.getString(1)), table.typeName());
  }

  /** Reads into a list in one round trip; {@code cap} rows at most (0: all). */
  private List<T> read(Sort order, int maxRows, long offset, int cap) {
    return JdbcCursor.list(dataSource, sql(order, maxRows, offset), binder(maxRows, offset),
        row -> read(row.getString(1)), cap, table.typeName());
  }

  private String sql(Sort order, int maxRows, long offset) {
    return order.isUnsorted() && maxRows < 0 && offset == 0 ? sql
        : table.cached(new Refined(sql, order, maxRows >= 0, offset > 0),
            () -> sql + OrderBySql.of(table, order, sql.contains(" ORDER BY ")) + (maxRows >= 0 ? " LIMIT ?" : "") + (offset > 0 ? " OFFSET ?" : ""));
  }

  /**
   * The cache key of the statement with a call's ordering and paging: a record, so a call builds no
   * key string (limits known at compile time are already in the statement and never get here).
   */
  private record Refined(String sql, Sort sort, boolean limited, boolean skipped) {}

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
