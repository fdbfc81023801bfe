package io.rillflow.tests.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.BulkMode;
import io.rillflow.DocumentSession;
import io.rillflow.RillflowException;
import io.rillflow.test.RillflowTestBase;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BulkInsertTest extends RillflowTestBase {

  private static Customer customer(int i) {
    return new Customer(UUID.randomUUID(), "bulk" + i + "@example.com", Tier.BASIC,
        new Address(i + " Long Rd", "Ogdenville", "99"), List.of("x"), Instant.parse("2022-01-01T00:00:00Z"),
        BigDecimal.valueOf(i));
  }

  private long count() {
    return Long.parseLong(Tables.query(store(), "SELECT count(*) FROM \"" + store().schemaName() + "\".doc_customer").get(0));
  }

  @Test
  void tenThousandDocumentsLoadAndReadBackWithTheirDuplicatedColumns() {
    List<Customer> customers = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      customers.add(customer(i));
    }
    assertThat(store().bulkInsert(customers)).isEqualTo(10_000);
    assertThat(count()).isEqualTo(10_000);
    assertThat(store().querySession().load(Customer.class, customers.get(1234).id())).contains(customers.get(1234));
    assertThat(Tables.query(store(), "SELECT count(*) FROM \"" + store().schemaName()
        + "\".doc_customer WHERE address_city = 'ogdenville' AND email LIKE 'bulk%'")).containsExactly("10000");
  }

  @Test
  void textThatCopyWouldMisreadRoundTrips() {
    Customer tricky = new Customer(UUID.randomUUID(), "back\\slash\ttab\nnew\rline \\N «ünï» 🚀", Tier.VIP,
        new Address("\\.", "\"quoted\"", "\u0001"), List.of("\\\\", ""), Instant.EPOCH, BigDecimal.ONE);
    store().bulkInsert(List.of(tricky), BulkMode.IGNORE_DUPLICATES);
    store().bulkInsert(List.of(customer(1)));
    assertThat(store().querySession().load(Customer.class, tricky.id())).contains(tricky);
  }

  @Test
  void insertOnlyFailsWholeOnAnExistingIdAndWritesNothing() {
    Customer existing = customer(1);
    store().bulkInsert(List.of(existing));
    List<Customer> batch = List.of(customer(2), existing, customer(3));
    assertThatThrownBy(() -> store().bulkInsert(batch))
        .isInstanceOf(RillflowException.class)
        .hasMessageStartingWith("bulkInsert of 3 Customer documents failed; nothing was written:");
    assertThat(count()).isEqualTo(1);
  }

  @Test
  void ignoreDuplicatesKeepsTheStoredDocument() {
    Customer existing = customer(1);
    store().bulkInsert(List.of(existing));
    long written = store().bulkInsert(List.of(customer(2), existing.withEmail("ignored@example.com")),
        BulkMode.IGNORE_DUPLICATES);
    assertThat(written).isEqualTo(1);
    assertThat(count()).isEqualTo(2);
    assertThat(store().querySession().load(Customer.class, existing.id()).orElseThrow().email()).isEqualTo("bulk1@example.com");
  }

  @Test
  void overwriteReplacesAndTheLastOfOneIdWins() {
    Customer existing = customer(1);
    store().bulkInsert(List.of(existing));
    long written = store().bulkInsert(List.of(
        existing.withEmail("first@example.com"), customer(2), existing.withEmail("last@example.com")), BulkMode.OVERWRITE);
    assertThat(written).isEqualTo(2);
    assertThat(store().querySession().load(Customer.class, existing.id()).orElseThrow().email()).isEqualTo("last@example.com");
    assertThat(Tables.query(store(), "SELECT version FROM \"" + store().schemaName()
        + "\".doc_customer WHERE email = 'last@example.com'")).containsExactly("2");
  }

  @Test
  void versionedDocumentsCarryTheirVersionAfterABulkLoad() {
    store().bulkInsert(List.of(new Ticket(1, "one", 0), new Ticket(2, "two", 0)));
    assertThat(store().querySession().load(Ticket.class, 2)).contains(new Ticket(2, "two", 1));
    store().bulkInsert(List.of(new Ticket(2, "two again", 0)), BulkMode.OVERWRITE);
    assertThat(store().querySession().load(Ticket.class, 2)).contains(new Ticket(2, "two again", 2));
    try (DocumentSession session = store().lightweightSession()) {
      session.store(new Ticket(2, "from a stale copy", 1));
      assertThatThrownBy(session::saveChanges).isInstanceOf(io.rillflow.ConcurrencyException.class);
    }
  }

  @Test
  void documentsOfTwoTypesAreRefused() {
    List<Object> mixed = List.of(customer(1), new Ticket(1, "t", 0));
    assertThatThrownBy(() -> store().bulkInsert(mixed))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bulkInsert takes documents of one type");
  }

  @Test
  void aNullDocumentIsRefusedNamingItWhereverItStands() {
    for (List<Object> withNull : List.of(Arrays.<Object>asList(null, customer(1)),
        Arrays.<Object>asList(customer(1), null))) {
      assertThatThrownBy(() -> store().bulkInsert(withNull))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("bulkInsert takes documents of one type: found null");
    }
  }

  @Test
  void mutableVersionedDocumentsLearnTheirVersionFromABulkInsert() {
    Account account = new Account("BULK-1", "Ada", BigDecimal.ONE, Instant.EPOCH);
    store().bulkInsert(List.of(account));
    assertThat(account.getVersion()).isEqualTo(1);
    try (DocumentSession session = store().lightweightSession()) {
      account.setOwner("Grace");
      session.store(account);
      session.saveChanges();
    }
    assertThat(store().querySession().load(Account.class, "BULK-1").orElseThrow().getOwner()).isEqualTo("Grace");
  }
}
