package io.rillflow.tests.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.DocumentStore;
import io.rillflow.events.Checkpoint;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.EventStorage;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.events.GroupAppendOptions;
import io.rillflow.tenancy.Tenancy;
import io.rillflow.test.TestDatabase;
import io.rillflow.test.TestSchema;
import io.rillflow.tests.events.OrderShipped;
import io.rillflow.tests.events.RawSql;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code EventStorage.compact()} in every tenancy mode that keeps tenants in one database: each tenant's
 * schema (schema per tenant) or the shared tables (conjoined, tenant-led keys) keep uuid stream ids, and
 * group appends write them.
 */
class CompactTenancyTest {

  private static String streamIdType(DocumentStore store, String schema) {
    return RawSql.column(store, "SELECT data_type FROM information_schema.columns WHERE table_schema = '" + schema
        + "' AND table_name = 'rf_events' AND column_name = 'stream_id'").get(0);
  }

  @Test
  void eachTenantsSchemaKeepsUuidStreamIds() {
    TestSchema schema = TestSchema.create(TestDatabase.shared(), getClass());
    DocumentStore store = schema.storeBuilder().tenancy(Tenancy.schemaPerTenant())
        .eventStorage(EventStorage.compact()).build();
    try {
      store.tenants().ensure("acme");
      UUID stream = UUID.randomUUID();
      store.forTenant("acme").events().append(stream, ExpectedVersion.noStream(), new OrderShipped("a", "b"));
      assertThat(store.forTenant("acme").events().readStream(stream)).hasSize(1);
      assertThat(streamIdType(store, store.tenants().status("acme").schema())).isEqualTo("uuid");
      assertThat(streamIdType(store, schema.name())).isEqualTo("uuid");
    } finally {
      schema.dropWithTenants(store);
    }
  }

  @Test
  void conjoinedTenantsGroupAppendToUuidStreamsEachSeeingItsOwn() throws Exception {
    TestSchema schema = TestSchema.create(TestDatabase.shared(), getClass());
    DocumentStore store = schema.storeBuilder().tenancy(Tenancy.conjoined()).eventStorage(EventStorage.compact())
        .groupAppends(GroupAppendOptions.enabled()).build();
    ExecutorService writers = Executors.newFixedThreadPool(8);
    try {
      store.tenants().ensure("acme");
      store.tenants().ensure("globex");
      List<Future<UUID>> written = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        String tenant = i % 2 == 0 ? "acme" : "globex";
        written.add(writers.submit(() -> {
          UUID stream = UUID.randomUUID();
          store.forTenant(tenant).events().append(stream, ExpectedVersion.noStream(), new OrderShipped(tenant, "x"));
          return stream;
        }));
      }
      for (int i = 0; i < written.size(); i++) {
        UUID stream = written.get(i).get(30, TimeUnit.SECONDS);
        String own = i % 2 == 0 ? "acme" : "globex";
        String other = i % 2 == 0 ? "globex" : "acme";
        assertThat(store.forTenant(own).events().readStream(stream)).hasSize(1);
        assertThat(store.forTenant(other).events().readStream(stream)).isEmpty();
      }
      List<EventEnvelope<?>> acme = store.forTenant("acme").events().readAll(Checkpoint.START, 1_000);
      assertThat(acme).hasSize(32).allSatisfy(e -> assertThat(((OrderShipped) e.data()).orderId()).isEqualTo("acme"));
      assertThat(streamIdType(store, schema.name())).isEqualTo("uuid");
    } finally {
      writers.shutdownNow();
      schema.dropWithTenants(store);
    }
  }
}
