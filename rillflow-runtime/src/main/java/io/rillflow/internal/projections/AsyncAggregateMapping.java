package io.rillflow.internal.projections;

import io.rillflow.events.EventEnvelope;
import io.rillflow.annotations.Lifecycle;
import io.rillflow.spi.AggregateMapping;
import io.rillflow.spi.DocumentMapping;
import io.rillflow.spi.ProjectionMapping;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The document of an {@code @Aggregate(lifecycle = ASYNC)}, kept by the projection daemon: a
 * single-stream read model whose handlers are the aggregate's. Each stream that holds events the
 * aggregate handles has one document, with the stream id as its id; the daemon folds each new event
 * into it, so the document equals a load of the aggregate once the daemon has caught up.
 *
 * <p>The projection is named {@code aggregate:<table>}: a new table name starts a new projection,
 * which builds the new table from the first event.
 *
 * @param <A> the aggregate type
 */
final class AsyncAggregateMapping<A> implements ProjectionMapping<A> {
  private final AggregateMapping<A> aggregate;
  private final DocumentMapping<A, ?> document;
  private final Set<Class<?>> handled;
  /** The document id of a stream, as the document's id type holds it: chosen once, not per event. */
  private final Function<EventEnvelope<?>, Object> streamToId;

  AsyncAggregateMapping(AggregateMapping<A> aggregate, DocumentMapping<A, ?> document) {
    this.aggregate = aggregate;
    this.document = document;
    this.handled = Set.copyOf(aggregate.eventTypes());
    Class<?> idType = document.idType();
    if (idType == UUID.class) {
      streamToId = EventEnvelope::streamUuid;
    } else if (idType == Long.class) {
      streamToId = event -> Long.valueOf(event.streamId());
    } else if (idType == Integer.class) {
      streamToId = event -> Integer.valueOf(event.streamId());
    } else {
      streamToId = EventEnvelope::streamId;
    }
  }

  @Override
  public String name() {
    return "aggregate:" + document.tableName();
  }

  @Override
  public Lifecycle lifecycle() {
    return Lifecycle.ASYNC;
  }

  @Override
  public Class<A> documentType() {
    return aggregate.aggregateType();
  }

  @Override
  public List<Class<?>> eventTypes() {
    return aggregate.eventTypes();
  }

  @Override
  public List<?> documentIds(EventEnvelope<?> event) {
    return handled.contains(event.data().getClass()) ? List.of(streamToId.apply(event)) : List.of();
  }

  @Override
  public A initial(Object id) {
    return aggregate.initial();
  }

  @Override
  public A apply(A current, Object id, EventEnvelope<?> event) {
    return aggregate.apply(current != null ? current : aggregate.initial(), event);
  }
}
