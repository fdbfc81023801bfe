package io.rillflow.spi;

import io.rillflow.DocumentStore;
import java.util.List;

/**
 * Starts a store from the builder's settings: the one bridge from the public API to the runtime's
 * implementation, found with {@link java.util.ServiceLoader} so that the API packages never refer
 * to {@code io.rillflow.internal} (no import cycle between them). The runtime jar lists its
 * implementation in {@code META-INF/services}.
 */
public interface StoreFactory {

  /** What is wrong with {@code settings} beyond what the builder checks itself; empty when nothing. */
  List<String> problems(StoreSettings settings);

  /** Loads the modules, connects and migrates; on any failure closes what it opened. */
  DocumentStore start(StoreSettings settings);
}
