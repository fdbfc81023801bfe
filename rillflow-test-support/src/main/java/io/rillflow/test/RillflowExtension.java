package io.rillflow.test;

import io.rillflow.DocumentStore;
import io.rillflow.DocumentStoreBuilder;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit 5 extension behind {@link RillflowTest}: one {@link TestSchema} and store per test
 * class, built on first use; tables emptied before each test; store closed and schema dropped when
 * the class is done (JUnit closes what the extension keeps in its store).
 */
public final class RillflowExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RillflowExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    classState(context);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    classState(context).storeFor(context.getRequiredTestInstance());
    classState(context).schema().emptyTables();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == DocumentStore.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return classState(context).storeFor(context.getTestInstance().orElse(null));
  }

  private static ClassState classState(ExtensionContext context) {
    ExtensionContext classContext = context;
    while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
      classContext = classContext.getParent().get();
    }
    Class<?> testClass = classContext.getRequiredTestClass();
    return classContext.getStore(NAMESPACE)
        .getOrComputeIfAbsent(testClass, c -> new ClassState(TestSchema.create(TestDatabase.shared(), testClass)), ClassState.class);
  }

  /** One test class's schema and store; closed by JUnit when the class is done. */
  private static final class ClassState implements AutoCloseable {
    private final TestSchema schema;
    private DocumentStore store;

    ClassState(TestSchema schema) {
      this.schema = schema;
    }

    TestSchema schema() {
      return schema;
    }

    synchronized DocumentStore storeFor(Object testInstance) {
      if (store == null) {
        DocumentStoreBuilder builder = schema.storeBuilder();
        if (testInstance instanceof RillflowTestBase base) {
          base.configure(builder);
        }
        store = builder.build();
      }
      return store;
    }

    @Override
    public synchronized void close() {
      try {
        if (store != null) {
          store.close();
        }
      } finally {
        schema.drop();
      }
    }
  }
}
