package io.rillflow.spi;

/**
 * Everything one compilation contributed: the processor generates one implementation per
 * compilation that holds Rillflow annotations, and lists it in
 * {@code META-INF/services/io.rillflow.spi.RillflowModule}, so that a store finds it through
 * {@link java.util.ServiceLoader} with no classpath scanning.
 */
public interface RillflowModule {

  /** Registers this module's document mappings, repositories, events, upcasters and aggregates. */
  void register(ModuleRegistry registry);
}
