package io.rillflow.internal.projections;

import io.rillflow.spi.RegisteredProjection;
import io.rillflow.projections.ProjectionLifecycle;
import io.rillflow.SchemaException;
import io.rillflow.annotations.Lifecycle;
import io.rillflow.spi.AggregateMapping;
import io.rillflow.spi.DocumentMapping;
import io.rillflow.spi.ProjectionMapping;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Joins the projections registered on the builder with those the modules imply, the
 * {@code @ReadModel} projections and the documents of {@code ASYNC} aggregates, into the one list
 * the store runs.
 */
public final class ReadModels {
  private ReadModels() {}

  /**
   * Every projection of the store, the builder's first.
   *
   * @param aggregates the registered aggregates; those with an {@code ASYNC} lifecycle are kept
   * @param documents the document mapping of a type, or {@code null} when it is not registered
   * @throws SchemaException when a read model is not a registered document, or when two projections
   *     share a name
   */
  public static List<RegisteredProjection> register(List<RegisteredProjection> fromBuilder,
      List<ProjectionMapping<?>> readModels, Collection<AggregateMapping<?>> aggregates,
      Function<Class<?>, DocumentMapping<?, ?>> documents) {
    Map<String, RegisteredProjection> byName = new LinkedHashMap<>();
    fromBuilder.forEach(p -> byName.put(p.name(), p));
    List<ProjectionMapping<?>> mappings = new ArrayList<>(readModels);
    for (AggregateMapping<?> aggregate : aggregates) {
      if (aggregate.lifecycle() == Lifecycle.ASYNC) {
        mappings.add(asyncAggregate(aggregate, documents.apply(aggregate.aggregateType())));
      }
    }
    for (ProjectionMapping<?> mapping : mappings) {
      DocumentMapping<?, ?> document = documents.apply(mapping.documentType());
      if (document == null) {
        throw new SchemaException("Read model " + mapping.documentType().getName() + " (projection \"" + mapping.name()
            + "\") is not a registered document; is the module that maps it on the class path?");
      }
      RegisteredProjection projection = new RegisteredProjection(mapping.name(), lifecycle(mapping),
          adapt(mapping, document));
      RegisteredProjection earlier = byName.putIfAbsent(projection.name(), projection);
      if (earlier != null) {
        throw new SchemaException("Two projections are named \"" + mapping.name() + "\": " + earlier.projection()
            + " and the read model of " + mapping.documentType().getName() + "; rename one (@ReadModel(name = ...))");
      }
    }
    return List.copyOf(byName.values());
  }

  @SuppressWarnings("unchecked") // the store registered the document mapping under the aggregate's class
  private static <A> ProjectionMapping<A> asyncAggregate(AggregateMapping<A> aggregate, DocumentMapping<?, ?> document) {
    if (document == null) {
      throw new SchemaException("Aggregate " + aggregate.aggregateType().getName()
          + " has lifecycle ASYNC but is not a registered document; is the module that maps it on the class path?");
    }
    return new AsyncAggregateMapping<>(aggregate, (DocumentMapping<A, ?>) document);
  }

  @SuppressWarnings("unchecked") // the store registered the document mapping under the read model's class
  private static <D> ReadModelProjection<D> adapt(ProjectionMapping<D> mapping, DocumentMapping<?, ?> document) {
    return new ReadModelProjection<>(mapping, (DocumentMapping<D, ?>) document);
  }

  private static ProjectionLifecycle lifecycle(ProjectionMapping<?> mapping) {
    return switch (mapping.lifecycle()) {
      case INLINE -> ProjectionLifecycle.INLINE;
      case ASYNC -> ProjectionLifecycle.ASYNC;
      case LIVE -> throw new SchemaException("Read model " + mapping.documentType().getName()
          + " has lifecycle LIVE; a read model is stored: INLINE or ASYNC");
    };
  }
}
