package io.rillflow.benchmarks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rillflow.DocumentRepository;
import io.rillflow.DocumentStore;
import io.rillflow.spi.AggregateMapping;
import io.rillflow.spi.DocumentMapping;
import io.rillflow.spi.EventMapping;
import io.rillflow.spi.ModuleRegistry;
import io.rillflow.spi.ProjectionMapping;
import io.rillflow.spi.RillflowModule;
import java.util.HashSet;
import java.util.Set;
import io.rillflow.QuerySession;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The suite's generated module with only some of its document types. The processor writes one
 * module for the whole compilation, so without this every benchmark's store would create the
 * fifty tables of {@code StoreStartupBench} too. Repositories and events pass through unchanged.
 */
public final class BenchModules {
  private static final String STARTUP_PACKAGE = "io.rillflow.benchmarks.startup";

  private BenchModules() {}

  /** The documents the ordinary benchmarks use: everything but the startup types. */
  public static RillflowModule withoutStartupTypes() {
    return documents(type -> !type.getPackageName().equals(STARTUP_PACKAGE));
  }

  /** Only the fifty startup types (and the events, which every store registers). */
  public static RillflowModule startupTypesOnly() {
    return documents(type -> type.getPackageName().equals(STARTUP_PACKAGE));
  }

  /** The tables of the fifty startup types, as their mappings name them. */
  public static Set<String> startupTables() {
    Set<String> tables = new HashSet<>();
    startupTypesOnly().register(new ModuleRegistry() {
      @Override
      public void document(DocumentMapping<?, ?> mapping) {
        tables.add(mapping.tableName());
      }

      @Override
      public <R extends DocumentRepository<?, ?>> void repository(Class<R> type,
          Function<DocumentStore, ? extends R> factory) {}

      @Override
      public void event(EventMapping<?> mapping) {}

      @Override
      public <A, B> void upcast(Class<A> from, Class<B> to, Function<? super A, ? extends B> step) {}

      @Override
      public void upcast(String eventName, int fromVersion, UnaryOperator<ObjectNode> step) {}

      @Override
      public <A, B> void lookupUpcast(Class<A> from, Class<B> to,
          BiFunction<? super A, QuerySession, ? extends B> step) {}

      @Override
      public void lookupUpcast(String eventName, int fromVersion,
          BiFunction<ObjectNode, QuerySession, ObjectNode> step) {}

      @Override
      public void aggregate(AggregateMapping<?> mapping) {}

      @Override
      public void projection(ProjectionMapping<?> mapping) {}
    });
    return tables;
  }

  private static RillflowModule documents(Predicate<Class<?>> keep) {
    RillflowModule all = new BenchCustomer_RillflowModule();
    return registry -> all.register(new Filter(registry, keep));
  }

  private record Filter(ModuleRegistry registry, Predicate<Class<?>> keep) implements ModuleRegistry {
    @Override
    public void aggregate(AggregateMapping<?> mapping) {
      registry.aggregate(mapping);
    }

    @Override
    public void projection(ProjectionMapping<?> mapping) {
      if (keep.test(mapping.documentType())) {
        registry.projection(mapping);
      }
    }

    @Override
    public void document(DocumentMapping<?, ?> mapping) {
      if (keep.test(mapping.documentType())) {
        registry.document(mapping);
      }
    }

    @Override
    public <R extends DocumentRepository<?, ?>> void repository(Class<R> type,
        Function<DocumentStore, ? extends R> factory) {
      registry.repository(type, factory);
    }

    @Override
    public void event(EventMapping<?> mapping) {
      registry.event(mapping);
    }

    @Override
    public <A, B> void upcast(Class<A> from, Class<B> to, Function<? super A, ? extends B> step) {
      registry.upcast(from, to, step);
    }

    @Override
    public void upcast(String eventName, int fromVersion, UnaryOperator<ObjectNode> step) {
      registry.upcast(eventName, fromVersion, step);
    }

    @Override
    public <A, B> void lookupUpcast(Class<A> from, Class<B> to,
        BiFunction<? super A, QuerySession, ? extends B> step) {
      registry.lookupUpcast(from, to, step);
    }

    @Override
    public void lookupUpcast(String eventName, int fromVersion, BiFunction<ObjectNode, QuerySession, ObjectNode> step) {
      registry.lookupUpcast(eventName, fromVersion, step);
    }
  }
}
