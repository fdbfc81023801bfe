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
import io.rillflow.internal.query.DynamicSql.Planned;
import io.rillflow.sql.DeletedRows;
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
  private final ObjectMapper mapper;
  private final ObjectReader reader;
  /** Identity map hook for document results; identity when there is none. */
  private final UnaryOperator<R> resolve;
  private final Condition<D> where;
  private final Sort sort;
  private final long skip;
  private final int limit;
  /** Which rows of a soft-deleting table it reads; live ones unless asked otherwise. */
  private final DeletedRows deleted;

  private DynamicQuery(ConnectionScope scope, DocumentTable<D, Object> table, ObjectMapper mapper,
      ObjectReader reader, UnaryOperator<R> resolve, Condition<D> where, Sort sort, long skip, int limit,
      DeletedRows deleted) {
    this.deleted = deleted;
    this.scope = scope;
    this.table = table;
    this.mapper = mapper;
    this.reader = reader;
    this.resolve = resolve;
    this.where = where;
    this.sort = sort;
    this.skip = skip;
    this.limit = limit;
  }

  /** Every document of {@code table}, each passed through {@code resolve} (the identity map). */
  public static <D> DynamicQuery<D, D> of(ConnectionScope scope, DocumentTable<D, Object> table, ObjectMapper mapper,
      UnaryOperator<D> resolve) {
    return new DynamicQuery<>(scope, table, mapper, table.reader(), resolve,
        null, Sort.unsorted(), 0, -1, DeletedRows.LIVE);
  }

  private DynamicQuery<D, R> with(Condition<D> newWhere, Sort newSort, long newSkip, int newLimit) {
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
    Condition<D> node = (Condition<D>) condition;
    return with(where == null ? node : where.and(node), sort, skip, limit);
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
    Planned planned = selectSql();
    return JdbcCursor.list(scope, planned.sql(), binder(planned), row -> resolve.apply(read(row.getString(1))), 0,
        table.typeName());
  }

  @Override
  public Stream<R> stream() {
    Planned planned = selectSql();
    return JdbcCursor.stream(scope, planned.sql(), binder(planned), row -> resolve.apply(read(row.getString(1))),
        table.typeName());
  }

  private Planned selectSql() {
    return table.cached(new SelectShape(shape(), sort, limit >= 0, skip > 0, deleted), () -> {
      Planned select = DynamicSql.select(where, rows());
      return new Planned(table.qualify(select.sql() + OrderBySql.of(table, sort, false) + (limit >= 0 ? " LIMIT ?" : "")
          + (skip > 0 ? " OFFSET ?" : "")), select.binds());
    });
  }

  private Planned qualified(Planned planned) {
    return new Planned(table.qualify(planned.sql()), planned.binds());
  }

  private JdbcCursor.Binder binder(Planned planned) {
    List<Object> values = values(planned);
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
    Planned planned = table.cached(new CountShape(shape(), false, deleted), () -> qualified(DynamicSql.count(where, rows())));
    return scalar(planned.sql(), values(planned)).longValue();
  }

  @Override
  public boolean exists() {
    Planned planned = table.cached(new CountShape(shape(), true, deleted), () -> qualified(DynamicSql.exists(where, rows())));
    return scalar(planned.sql(), values(planned)).longValue() > 0;
  }

  @Override
  public Page<R> page(int pageNumber, int size) {
    if (pageNumber < 0 || size < 1) {
      throw new IllegalArgumentException("page must be 0 or more and size at least 1, but were " + pageNumber + " and " + size);
    }
    List<R> items = with(where, sort, (long) pageNumber * size, size).list();
    return new Page<>(items, pageNumber, size, count());
  }

  /** The cache keys: records, so a call builds no key string (the condition's shape was built with it). */
  private record SelectShape(String condition, Sort sort, boolean limited, boolean skipped, DeletedRows rows) {}

  private record CountShape(String condition, boolean exists, DeletedRows rows) {}

  private String shape() {
    return where == null ? "" : where.shape();
  }

  /** The rows read: a table without soft delete has only live rows, read with no filter. */
  private DeletedRows rows() {
    return table.mapping().softDelete() ? deleted : DeletedRows.ALL;
  }

  private List<Object> values(Planned planned) {
    if (where == null) {
      return List.of();
    }
    List<Object> slots = new ArrayList<>();
    ConditionSql.values(where, slots);
    return BindValues.apply(planned.binds(), slots, mapper);
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
