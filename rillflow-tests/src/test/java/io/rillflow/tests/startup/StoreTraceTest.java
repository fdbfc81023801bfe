package io.rillflow.tests.startup;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.events.AppendOptions;
import io.rillflow.DocumentStore;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.test.RillflowTestBase;
import io.rillflow.tests.projections.Tick;
import org.junit.jupiter.api.Test;

/** Breadcrumbs belong to a store: two stores in one JVM keep their own. */
class StoreTraceTest extends RillflowTestBase {

  @Test
  void twoStoresInOneJvmKeepSeparateBreadcrumbs() {
    try (DocumentStore second = DocumentStore.builder().dataSource(store().dataSource())
        .schema(store().schemaName()).readModels(false).build()) {
      store().trace().enable();
      AppendOptions traced = AppendOptions.builder().correlationId("req-1").build();
      store().events().append("a", ExpectedVersion.noStream(), traced, new Tick("a", 1));
      second.events().append("b", ExpectedVersion.noStream(), traced, new Tick("b", 1));

      assertThat(store().trace().steps("req-1")).hasSize(1)
          .allSatisfy(step -> assertThat(step.data()).contains(" to a "));
      assertThat(second.trace().isEnabled()).isFalse();
      assertThat(second.trace().steps("req-1")).isEmpty();
    } finally {
      store().trace().disable();
    }
  }
}
