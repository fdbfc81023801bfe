package io.rillflow.internal.tracing;

import io.rillflow.query.Condition;
import io.rillflow.query.DocumentQuery;
import io.rillflow.query.Page;
import io.rillflow.query.Sort;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A query whose every run opens a {@code rillflow query} span (operation: list, stream, first, single,
 * count, exists, page); building it ({@code where}, {@code orderBy}, ...) opens none and keeps the
 * wrapper. Only made when tracing is on. A stream's span covers opening its cursor, not reading it.
 */
final class TracedQuery<T> implements DocumentQuery<T> {
  private final DocumentQuery<T> query;
  private final OpenTelemetryTracing tracing;
  private final String documentType;

  TracedQuery(DocumentQuery<T> query, OpenTelemetryTracing tracing, String documentType) {
    this.query = query;
    this.tracing = tracing;
    this.documentType = documentType;
  }

  private <R> DocumentQuery<R> wrap(DocumentQuery<R> built) {
    return new TracedQuery<>(built, tracing, documentType);
  }

  private <R> R run(String operation, Supplier<R> work) {
    return OpenTelemetryTracing.run(tracing.queryRun(documentType, operation), work);
  }

  @Override
  public DocumentQuery<T> where(Condition<? super T> condition) {
    return wrap(query.where(condition));
  }

  @Override
  public DocumentQuery<T> orderBy(Sort... sorts) {
    return wrap(query.orderBy(sorts));
  }

  @Override
  public DocumentQuery<T> includeDeleted() {
    return wrap(query.includeDeleted());
  }

  @Override
  public DocumentQuery<T> onlyDeleted() {
    return wrap(query.onlyDeleted());
  }

  @Override
  public DocumentQuery<T> skip(long count) {
    return wrap(query.skip(count));
  }

  @Override
  public DocumentQuery<T> limit(int count) {
    return wrap(query.limit(count));
  }

  @Override
  public <P> DocumentQuery<P> select(Class<P> projection) {
    return wrap(query.select(projection));
  }

  @Override
  public List<T> list() {
    return run("list", query::list);
  }

  @Override
  public Stream<T> stream() {
    return run("stream", query::stream);
  }

  @Override
  public Optional<T> first() {
    return run("first", query::first);
  }

  @Override
  public T single() {
    return run("single", query::single);
  }

  @Override
  public long count() {
    return run("count", query::count);
  }

  @Override
  public boolean exists() {
    return run("exists", query::exists);
  }

  @Override
  public Page<T> page(int pageNumber, int size) {
    return run("page", () -> query.page(pageNumber, size));
  }
}
