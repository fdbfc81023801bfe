package io.rillflow.internal;

import io.rillflow.DocumentStore;
import io.rillflow.internal.sql.Identifiers;
import io.rillflow.spi.StoreFactory;
import io.rillflow.spi.StoreSettings;
import java.util.ArrayList;
import java.util.List;

/** The runtime's {@link StoreFactory}, listed in {@code META-INF/services}. */
public final class DefaultStoreFactory implements StoreFactory {

  @Override
  public List<String> problems(StoreSettings settings) {
    List<String> problems = new ArrayList<>();
    String schemaProblem = Identifiers.problemWith(settings.schema());
    if (schemaProblem != null) {
      problems.add("schema \"" + settings.schema() + "\" " + schemaProblem);
    }
    return problems;
  }

  @Override
  public DocumentStore start(StoreSettings settings) {
    return DefaultDocumentStore.start(settings);
  }
}
