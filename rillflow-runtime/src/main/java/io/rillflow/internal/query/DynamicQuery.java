package io.rillflow.internal.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.rillflow.query.Condition;
import io.rillflow.query.DocumentQuery;
import io.rillflow.query.Page;
import io.rillflow.RillflowException;
import io.rillflow.query.Sort;
import io.rillflow.internal.document.DocumentTable;
import io.rillflow.internal.sql.ConnectionScope;
import io.rillflow.internal.sql.JdbcCursor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A query over one document table, immutable: each refinement returns a new query. Its SQL is
 * built once per shape (condition shape, ordering, paging, what is selected) and cached by the
 * table; a call only collects its values.
 *
 * @param <D> the document type
 * @param <R> the result type: the document, or a projection read from the document's JSON
 */
public final class DynamicQuery<D, R> implements DocumentQuery<R> {
  private final ConnectionScope scope;
  private final DocumentTable<D, Object> table;
  private final ConditionSql conditions;
  private final ObjectMapper mapper;
  private final ObjectReader reader;
  /** Identity map hook for document results; identity when there is none. */
  private final UnaryOperator<R> resolve;
  private final ConditionNode<D> where;
  private final Sort sort;
  private final long skip;
  private final int limit;
  private final DeletedRows deleted;

  private DynamicQuery(ConnectionScope scope, DocumentTable<D, Object> table, ObjectMapper mapper,
      ObjectReader reader, UnaryOperator<R> resolve, ConditionNode<D> where, Sort sort, long skip, int limit,
      DeletedRows deleted) {
    this.scope = scope;
    this.table = table;
    this.conditions = new ConditionSql(mapper);
    this.mapper = mapper;
    this.reader = reader;
    this.resolve = resolve;
    this.where = where;
    this.sort = sort;
    this.skip = skip;
    this.limit = limit;
    this.deleted = deleted;
  }

  /** Every document of {@code table}, each passed through {@code resolve} (the identity map). */
  public static <D> DynamicQuery<D, D> of(ConnectionScope scope, DocumentTable<D, Object> table, ObjectMapper mapper,
      UnaryOperator<D> resolve) {
    return new DynamicQuery<>(scope, table, mapper, table.reader(), resolve,
        null, Sort.unsorted(), 0, -1, DeletedRows.LIVE);
  }

  private DynamicQuery<D, R> with(ConditionNode<D> newWhere, Sort newSort, long newSkip, int newLimit) {
    return new DynamicQuery<>(scope, table, mapper, reader, resolve, newWhere, newSort, newSkip, newLimit, deleted);
  }

  // Deleted documents are read past the session's identity map: held there, a later load() would
  // return a document that no longer exists for it.
  @Override
  public DocumentQuery<R> includeDeleted() {
    return new DynamicQuery<>(scope, table, mapper, reader, UnaryOperator.identity(), where, sort, skip, limit,
        DeletedRows.ALL);
  }

  @Override
  public DocumentQuery<R> onlyDeleted() {
    if (!table.mapping().softDelete()) {
      throw new IllegalStateException(table.typeName() + " is not soft-deleted (a delete removes its row), so no"
          + " deleted " + table.typeName() + " can be queried; use @Document(softDelete = true)");
    }
    return new DynamicQuery<>(scope, table, mapper, reader, UnaryOperator.identity(), where, sort, skip, limit,
        DeletedRows.ONLY);
  }

  @Override
  @SuppressWarnings("unchecked")
  public DocumentQuery<R> where(Condition<? super R> condition) {
    ConditionNode<D> node = Junction.node((Condition<D>) condition);
    return with(where == null ? node : Junction.and(where, node), sort, skip, limit);
  }

  @Override
  public DocumentQuery<R> orderBy(Sort... sorts) {
    Sort all = sort;
    for (Sort next : sorts) {
      all = all.and(next);
    }
    return with(where, all, skip, limit);
  }

  @Override
  public DocumentQuery<R> skip(long count) {
    if (count < 0) {
      throw new IllegalArgumentException("skip must be 0 or more, but was " + count);
    }
    return with(where, sort, count, limit);
  }

  @Override
  public DocumentQuery<R> limit(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("limit must be 0 or more, but was " + count);
    }
    return with(where, sort, skip, count);
  }

  @Override
  public <P> DocumentQuery<P> select(Class<P> projection) {
    return new DynamicQuery<>(scope, table, mapper, mapper.readerFor(projection), UnaryOperator.identity(),
        where, sort, skip, limit, deleted);
  }

  @Override
  public List<R> list() {
    return JdbcCursor.list(scope, selectSql(), binder(), row -> resolve.apply(read(row.getString(1))), 0,
        table.typeName());
  }

  @Override
  public Stream<R> stream() {
    return JdbcCursor.stream(scope, selectSql(), binder(), row -> resolve.apply(read(row.getString(1))),
        table.typeName());
  }

  private String selectSql() {
    return table.cachedSql("select " + key(), () -> "SELECT data FROM " + table.qualifiedName() + whereSql()
        + orderSql() + (limit >= 0 ? " LIMIT ?" : "") + (skip > 0 ? " OFFSET ?" : ""));
  }

  private JdbcCursor.Binder binder() {
    List<Object> values = values();
    return statement -> {
      int next = Parameters.bind(statement, values, 1);
      if (limit >= 0) {
        statement.setInt(next++, limit);
      }
      if (skip > 0) {
        statement.setLong(next, skip);
      }
    };
  }

  @Override
  public Optional<R> first() {
    return limit(1).list().stream().findFirst();
  }

  @Override
  public R single() {
    List<R> results = limit(2).list();
    if (results.size() != 1) {
      throw new RillflowException("Expected exactly one " + table.typeName() + " but found "
          + (results.isEmpty() ? "none" : "more than one") + (where == null ? "" : " matching " + where.shape()));
    }
    return results.get(0);
  }

  @Override
  public long count() {
    String sql = table.cachedSql("count " + (where == null ? "" : where.shape()) + " | " + deleted,
        () -> "SELECT count(*) FROM " + table.qualifiedName() + whereSql());
    return scalar(sql, values()).longValue();
  }

  @Override
  public boolean exists() {
    String sql = table.cachedSql("exists " + (where == null ? "" : where.shape()) + " | " + deleted,
        () -> "SELECT count(*) FROM (SELECT 1 FROM " + table.qualifiedName() + whereSql() + " LIMIT 1) x");
    return scalar(sql, values()).longValue() > 0;
  }

  @Override
  public Page<R> page(int pageNumber, int size) {
    if (pageNumber < 0 || size < 1) {
      throw new IllegalArgumentException("page must be 0 or more and size at least 1, but were " + pageNumber + " and " + size);
    }
    List<R> items = with(where, sort, (long) pageNumber * size, size).list();
    return new Page<>(items, pageNumber, size, count());
  }

  private String key() {
    return (where == null ? "" : where.shape()) + " | " + sort + " | " + (limit >= 0) + " " + (skip > 0) + " | "
        + deleted;
  }

  private List<Object> values() {
    List<Object> values = new ArrayList<>();
    if (where != null) {
      conditions.values(where, values);
    }
    return values;
  }

  private String whereSql() {
    StringBuilder sql = new StringBuilder();
    String live = table.mapping().softDelete() ? deleted.condition() : null;
    if (where == null && live == null) {
      return "";
    }
    sql.append(" WHERE ");
    if (live != null) {
      sql.append(live).append(where == null ? "" : " AND ");
    }
    if (where != null) {
      conditions.write(where, sql, new ArrayList<>());
    }
    return sql.toString();
  }

  private String orderSql() {
    return OrderBySql.of(table, sort, false);
  }

  private R read(String json) {
    try {
      return reader.readValue(json);
    } catch (JsonProcessingException e) {
      throw new RillflowException("Cannot read a " + table.typeName() + " result: " + e.getOriginalMessage(), e);
    }
  }

  private Number scalar(String sql, List<Object> values) {
    try {
      return scope.statement(connection -> {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
          Parameters.bind(statement, values, 1);
          try (ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
          }
        }
      });
    } catch (SQLException e) {
      throw new RillflowException("Cannot query " + table.typeName() + ": " + e.getMessage(), e);
    }
  }
}
