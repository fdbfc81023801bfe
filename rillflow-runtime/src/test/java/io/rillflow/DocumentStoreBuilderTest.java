package io.rillflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.projections.Projection;
import io.rillflow.projections.ProjectionLifecycle;
import java.time.Duration;
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
        .hasMessageContaining("pool maximumSize must be at least 1 but was 0");
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

  @Test
  void poolOptionsHikariWouldRefuseAreReportedInTheirOwnNames() {
    assertThatThrownBy(() -> DocumentStore.builder()
            .url("jdbc:postgresql://127.0.0.1:1/app")
            .pool(PoolOptions.defaults().minimumIdle(11).connectionTimeout(Duration.ofMillis(10))
                .maxLifetime(Duration.ofSeconds(5)).leakDetection(Duration.ofMillis(500)))
            .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("pool minimumIdle must be 0 to maximumSize (10) but was 11")
        .hasMessageContaining("pool connectionTimeout must be at least 250 ms but was PT0.01S")
        .hasMessageContaining("pool maxLifetime must be 0 or at least 30 s but was PT5S")
        .hasMessageContaining("pool leakDetection must be 0 (off) or at least 2 s but was PT0.5S");
  }

  @Test
  void aReadReplicaDescriptionThatContradictsItselfIsReportedWhole() {
    assertThatThrownBy(() -> DocumentStore.builder()
            .url("jdbc:postgresql://127.0.0.1:1/app")
            .readReplica("jdbc:mysql://replica/app")
            .readReplica(new org.postgresql.ds.PGSimpleDataSource())
            .replicaPool(PoolOptions.defaults().maximumSize(0))
            .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("both readReplica(url) and readReplica(dataSource) were given; choose one")
        .hasMessageContaining("readReplica url must start with jdbc:postgresql: but was jdbc:mysql://replica/app")
        .hasMessageContaining("replica pool maximumSize must be at least 1 but was 0");
  }

  @Test
  void replicaPoolOptionsNeedAReplicaUrl() {
    assertThatThrownBy(() -> DocumentStore.builder()
            .url("jdbc:postgresql://127.0.0.1:1/app")
            .replicaPool(PoolOptions.defaults().maximumSize(2))
            .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("replicaPool(...) applies to readReplica(url), but no replica URL was given");
    assertThatThrownBy(() -> DocumentStore.builder()
            .url("jdbc:postgresql://127.0.0.1:1/app")
            .readReplica(new org.postgresql.ds.PGSimpleDataSource())
            .replicaPool(PoolOptions.defaults().maximumSize(2))
            .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("replicaPool(...) applies to readReplica(url), not to a readReplica(dataSource)");
  }

  @Test
  void poolOptionsDoNotApplyToADataSourceTheApplicationConfigures() {
    assertThatThrownBy(() -> DocumentStore.builder()
            .dataSource(new org.postgresql.ds.PGSimpleDataSource())
            .pool(PoolOptions.defaults().maximumSize(3))
            .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("pool options apply to url(...), not to a dataSource(...)");
  }

  @Test
  void shrinkingThePoolKeepsTheIdleCountWithinIt() {
    PoolOptions small = PoolOptions.defaults().maximumSize(3);
    assertThat(small.minimumIdle()).isEqualTo(3);
    assertThat(PoolOptions.defaults().leakDetection()).isEqualTo(Duration.ofSeconds(60));
  }
}
