package io.rillflow.tests.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.ConcurrencyException;
import io.rillflow.DocumentSession;
import io.rillflow.test.RillflowTestBase;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OptimisticConcurrencyTest extends RillflowTestBase {

  @Test
  void twoSessionsUpdatingOneVersionedDocumentOneWinsAndTheWinnersDataIsIntact() {
    try (DocumentSession session = store().lightweightSession()) {
      session.store(new Account("ACC-7", "Ada", new BigDecimal("100.00"), Instant.EPOCH));
      session.saveChanges();
    }
    try (DocumentSession first = store().openSession(); DocumentSession second = store().openSession()) {
      Account mine = first.load(Account.class, "ACC-7").orElseThrow();
      Account theirs = second.load(Account.class, "ACC-7").orElseThrow();
      mine.setOwner("Grace");
      theirs.setOwner("Linus");

      first.store(mine);
      first.saveChanges();
      second.store(theirs);

      assertThatThrownBy(second::saveChanges)
          .isInstanceOfSatisfying(ConcurrencyException.class, e -> {
            assertThat(e.subject()).isEqualTo("Account");
            assertThat(e.id()).isEqualTo("ACC-7");
            assertThat(e.expectedVersion()).isEqualTo(1);
            assertThat(e.actualVersion()).isEqualTo(2);
          })
          .hasMessage("Account ACC-7: expected version 1, but it is at version 2");
      assertThat(mine.getVersion()).isEqualTo(2);
      assertThat(theirs.getVersion()).isEqualTo(1);
    }
    Account stored = store().querySession().load(Account.class, "ACC-7").orElseThrow();
    assertThat(stored.getOwner()).isEqualTo("Grace");
    assertThat(stored.getVersion()).isEqualTo(2);
    assertThat(stored.getBalance()).isEqualByComparingTo("100.00");
  }

  @Test
  void storingAVersionedDocumentThatIsNotNewWhenItCarriesNoVersionIsAConflict() {
    try (DocumentSession session = store().lightweightSession()) {
      session.store(new Ticket(1, "first", 0));
      session.saveChanges();
      session.store(new Ticket(1, "again from scratch", 0));
      assertThatThrownBy(session::saveChanges)
          .isInstanceOf(ConcurrencyException.class)
          .hasMessage("Ticket 1: expected it to be new, but it is at version 1");
    }
  }

  @Test
  void aVersionedRecordCarriesTheStoredVersionWhenLoaded() {
    try (DocumentSession session = store().lightweightSession()) {
      session.store(new Ticket(2, "draft", 0));
      session.saveChanges();
    }
    Ticket loaded = store().querySession().load(Ticket.class, 2).orElseThrow();
    assertThat(loaded.version()).isEqualTo(1);

    try (DocumentSession session = store().lightweightSession()) {
      session.store(loaded.retitled("final"));
      session.saveChanges();
      session.store(loaded.retitled("stale"));
      assertThatThrownBy(session::saveChanges)
          .isInstanceOf(ConcurrencyException.class)
          .hasMessage("Ticket 2: expected version 1, but it is at version 2");
    }
    Ticket stored = store().querySession().load(Ticket.class, 2).orElseThrow();
    assertThat(stored).isEqualTo(new Ticket(2, "final", 2));
    assertThat(Tables.dump(store(), "tickets")).containsExactly("2 v2 {\"id\": 2, \"title\": \"final\", \"version\": 2}");
  }

  @Test
  void anExpectedVersionCanBeGivenForAnyDocument() {
    Customer customer = new Customer(UUID.randomUUID(), "v@example.com", Tier.VIP, null, List.of(), Instant.EPOCH, BigDecimal.TEN);
    try (DocumentSession session = store().lightweightSession()) {
      session.update(customer, 0);
      session.saveChanges();
      session.update(customer.withEmail("w@example.com"), 1);
      session.saveChanges();
      session.update(customer.withEmail("x@example.com"), 1);
      assertThatThrownBy(session::saveChanges)
          .isInstanceOf(ConcurrencyException.class)
          .hasMessage("Customer " + customer.id() + ": expected version 1, but it is at version 2");
    }
    assertThat(store().querySession().load(Customer.class, customer.id()).orElseThrow().email()).isEqualTo("w@example.com");
  }

  @Test
  void deletingAStaleVersionedDocumentIsAConflict() {
    try (DocumentSession session = store().openSession()) {
      session.store(new Account("ACC-9", "Ada", BigDecimal.ONE, Instant.EPOCH));
      session.saveChanges();
    }
    try (DocumentSession first = store().openSession(); DocumentSession second = store().openSession()) {
      Account mine = first.load(Account.class, "ACC-9").orElseThrow();
      Account theirs = second.load(Account.class, "ACC-9").orElseThrow();
      mine.setOwner("Grace");
      first.store(mine);
      first.saveChanges();
      second.delete(theirs);
      assertThatThrownBy(second::saveChanges).isInstanceOf(ConcurrencyException.class);
    }
    assertThat(store().querySession().load(Account.class, "ACC-9")).isPresent();
  }
}
