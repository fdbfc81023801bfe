package io.rillflow.internal.tracing;

import io.rillflow.query.Page;
import io.rillflow.query.PageRequest;
import io.rillflow.query.Sort;
import io.rillflow.spi.QueryCall;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A generated repository query ({@code @Query} or derived) whose run opens a {@code rillflow query}
 * span like a dynamic query's ({@link TracedQuery}), with {@code rillflow.query.source} =
 * {@code repository}; binding values, sorting and limiting open none. Only made when tracing is on. A
 * stream's span covers opening its cursor, not reading it.
 */
final class TracedQueryCall<T> implements QueryCall<T> {
  private final QueryCall<T> call;
  private final OpenTelemetryTracing tracing;
  private final String documentType;

  TracedQueryCall(QueryCall<T> call, OpenTelemetryTracing tracing, String documentType) {
    this.call = call;
    this.tracing = tracing;
    this.documentType = documentType;
  }

  private <R> R run(String operation, Supplier<R> work) {
    return OpenTelemetryTracing.run(tracing.repositoryQueryRun(documentType, operation), work);
  }

  /** The call itself: binding changes it in place, so the wrapper stays. */
  private QueryCall<T> same(QueryCall<T> bound) {
    return bound == call ? this : new TracedQueryCall<>(bound, tracing, documentType);
  }

  @Override
  public QueryCall<T> bind(Object value) {
    return same(call.bind(value));
  }

  @Override
  public QueryCall<T> bindContaining(List<String> path, Object value) {
    return same(call.bindContaining(path, value));
  }

  @Override
  public QueryCall<T> bindContainingAll(List<String> path, Collection<?> elements) {
    return same(call.bindContainingAll(path, elements));
  }

  @Override
  public QueryCall<T> bindArray(Object values, String elementType) {
    return same(call.bindArray(values, elementType));
  }

  @Override
  public QueryCall<T> bindJsonArray(Collection<?> elements) {
    return same(call.bindJsonArray(elements));
  }

  @Override
  public QueryCall<T> bindPattern(String before, String text, String after) {
    return same(call.bindPattern(before, text, after));
  }

  @Override
  public QueryCall<T> sort(Sort sort) {
    return same(call.sort(sort));
  }

  @Override
  public QueryCall<T> limit(int count) {
    return same(call.limit(count));
  }

  @Override
  public Optional<T> optional() {
    return run("optional", call::optional);
  }

  @Override
  public T single() {
    return run("single", call::single);
  }

  @Override
  public List<T> list() {
    return run("list", call::list);
  }

  @Override
  public Stream<T> stream() {
    return run("stream", call::stream);
  }

  @Override
  public Page<T> page(PageRequest request, String countSql) {
    return run("page", () -> call.page(request, countSql));
  }

  @Override
  public <R> QueryCall<R> as(Class<R> projection) {
    return new TracedQueryCall<>(call.as(projection), tracing, documentType);
  }

  @Override
  public long count() {
    return run("count", call::count);
  }

  @Override
  public boolean exists() {
    return run("exists", call::exists);
  }

  @Override
  public long execute() {
    return run("execute", call::execute);
  }
}
