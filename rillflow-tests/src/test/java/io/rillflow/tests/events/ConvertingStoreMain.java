package io.rillflow.tests.events;

import io.rillflow.DocumentStore;
import io.rillflow.events.EventStorage;

/**
 * A store of {@code EventStorage.compact()} started in a JVM of its own on a schema of text stream ids,
 * for a test to kill while it converts them. Arguments: JDBC URL, schema. Prints "converted" once started.
 */
public final class ConvertingStoreMain {
  private ConvertingStoreMain() {}

  public static void main(String[] args) {
    try (DocumentStore store = DocumentStore.builder().url(args[0]).schema(args[1]).readModels(false)
        .eventStorage(EventStorage.compact()).build()) {
      System.out.println("converted " + store.schemaName());
    }
  }
}
