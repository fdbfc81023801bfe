package io.rillflow.tests.documents;

import io.rillflow.DocumentStore;
import java.util.List;

/** {@link Tables} for tests in other packages. */
public final class TablesAccess {
  private TablesAccess() {}

  public static void execute(DocumentStore store, String sql) {
    Tables.execute(store, sql);
  }

  public static List<String> query(DocumentStore store, String sql) {
    return Tables.query(store, sql);
  }
}
