package io.rillflow.tests.tenancy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rillflow.DocumentRepository;
import io.rillflow.DocumentStore;
import io.rillflow.QuerySession;
import io.rillflow.spi.AggregateMapping;
import io.rillflow.spi.DocumentMapping;
import io.rillflow.spi.EventMapping;
import io.rillflow.spi.ModuleRegistry;
import io.rillflow.spi.ProjectionMapping;
import io.rillflow.spi.RillflowModule;
import java.util.ServiceLoader;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The suite's generated module with only this package's documents and repositories (and every event):
 * a tenant then holds three document tables instead of the suite's fifty, so provisioning hundreds of
 * tenants takes seconds per hundred rather than minutes.
 */
final class TenancyModule {
  private static final String PACKAGE = TenancyModule.class.getPackageName();

  private TenancyModule() {}

  static RillflowModule only() {
    // The one module the processor wrote for this test compilation, whatever it is named.
    RillflowModule all = ServiceLoader.load(RillflowModule.class, TenancyModule.class.getClassLoader()).findFirst()
        .orElseThrow();
    return registry -> all.register(new ModuleRegistry() {
      @Override
      public void document(DocumentMapping<?, ?> mapping) {
        if (mapping.documentType().getPackageName().equals(PACKAGE)) {
          registry.document(mapping);
        }
      }

      @Override
      public <R extends DocumentRepository<?, ?>> void repository(Class<R> type,
          Function<DocumentStore, ? extends R> factory) {
        if (type.getPackageName().equals(PACKAGE)) {
          registry.repository(type, factory);
        }
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
      public void lookupUpcast(String eventName, int fromVersion,
          BiFunction<ObjectNode, QuerySession, ObjectNode> step) {
        registry.lookupUpcast(eventName, fromVersion, step);
      }

      @Override
      public void aggregate(AggregateMapping<?> mapping) {}

      @Override
      public void projection(ProjectionMapping<?> mapping) {}
    });
  }
}
