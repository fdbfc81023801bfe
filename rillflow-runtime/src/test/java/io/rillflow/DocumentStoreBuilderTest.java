package io.rillflow;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.projections.Projection;
import io.rillflow.projections.ProjectionLifecycle;
import org.junit.jupiter.api.Test;

class DocumentStoreBuilderTest {

  @Test
  void buildWithoutDatabaseSaysHowToGiveOne() {
    assertThatThrownBy(() -> DocumentStore.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no database: call url(...) or dataSource(...)");
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    assertThatThrownBy(() -> DocumentStore.builder()
            .url("jdbc:mysql://localhost/app")
            .schema("Bad-Schema")
            .maximumPoolSize(0)
            .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("url must start with jdbc:postgresql:")
        .hasMessageContaining("schema \"Bad-Schema\" must be lower case letters")
        .hasMessageContaining("maximumPoolSize must be at least 1 but was 0");
  }

  @Test
  void twoProjectionsCannotShareAName() {
    Projection nothing = (event, context) -> {};
    assertThatThrownBy(() -> DocumentStore.builder()
            .url("jdbc:postgresql://127.0.0.1:1/app")
            .projection("totals", ProjectionLifecycle.INLINE, nothing)
            .projection("totals", ProjectionLifecycle.ASYNC, nothing)
            .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("two projections are named \"totals\"");
  }

  @Test
  void unreachableDatabaseNamesTheUrlButNotThePassword() {
    assertThatThrownBy(() -> DocumentStore.builder()
            .url("jdbc:postgresql://127.0.0.1:1/app?password=hunter2&connectTimeout=1")
            .discoverModules(false)
            .build())
        .isInstanceOf(RillflowException.class)
        .hasMessageContaining("Cannot connect to jdbc:postgresql://127.0.0.1:1/app?password=***")
        .message().doesNotContain("hunter2");
  }
}
