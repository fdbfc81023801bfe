package io.rillflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.DocumentStore;
import io.rillflow.cli.app.Deposited;
import io.rillflow.events.EventStorage;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.test.TestDatabase;
import io.rillflow.test.TestSchema;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code --event-storage compact} as a real child JVM: a schema of uuid stream ids, opened only with it. */
class CompactStorageCommandsTest {

  @Test
  void aSchemaOfUuidStreamIdsIsOpenedWithTheOptionAndRefusedWithoutIt() throws Exception {
    TestSchema schema = TestSchema.create(TestDatabase.shared(), getClass());
    DocumentStore store = schema.storeBuilder().eventStorage(EventStorage.compact()).build();
    try {
      UUID account = UUID.randomUUID();
      store.events().append(account, ExpectedVersion.noStream(), new Deposited("a", 5), new Deposited("a", 6));

      CliProcess.Result show = CliProcess.run(schema.name(), "--event-storage", "compact", "streams", "show",
          account.toString().toUpperCase(java.util.Locale.ROOT), "--json");
      assertThat(show.exit()).as(show.toString()).isZero();
      assertThat(show.json().get("version").asLong()).isEqualTo(2);

      CliProcess.Result text = CliProcess.run(schema.name(), "streams", "show", account.toString());
      assertThat(text.exit()).as(text.toString()).isNotZero();
      assertThat(text.err()).contains("uuid", "StreamIdentity.UUID");

      CliProcess.Result bad = CliProcess.run(schema.name(), "--event-storage", "tiny", "streams", "show", "x");
      assertThat(bad.exit()).as(bad.toString()).isEqualTo(ExitCodes.USAGE);
      assertThat(bad.err()).contains("--event-storage is default or compact, not tiny");
      CliProcess.Result tenancy = CliProcess.run(schema.name(), "--tenancy", "sideways", "streams", "show", "x");
      assertThat(tenancy.exit()).as(tenancy.toString()).isEqualTo(ExitCodes.USAGE);
      assertThat(tenancy.err())
          .contains("--tenancy is single, schema-per-tenant, database-per-tenant or conjoined, not sideways");
    } finally {
      schema.closeAndDrop(store);
    }
  }
}
