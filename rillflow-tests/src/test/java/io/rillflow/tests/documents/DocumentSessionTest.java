package io.rillflow.tests.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.DocumentExistsException;
import io.rillflow.DocumentNotFoundException;
import io.rillflow.DocumentSession;
import io.rillflow.QuerySession;
import io.rillflow.test.RillflowTestBase;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class DocumentSessionTest extends RillflowTestBase {
  private static final Instant SINCE = Instant.parse("2024-03-01T10:15:30.123456Z");

  private static Customer customer(String email) {
    return new Customer(UUID.randomUUID(), email, Tier.GOLD,
        new Address("1 Main St", "Springfield", "12345"), List.of("a", "b"), SINCE, new BigDecimal("1234.50"));
  }

  @Test
  void recordsRoundTripThroughAllThreeSessionKinds() {
    List<Supplier<DocumentSession>> writers = List.of(store()::openSession, store()::lightweightSession);
    for (Supplier<DocumentSession> writer : writers) {
      Customer original = customer(UUID.randomUUID() + "@example.com");
      try (DocumentSession session = writer.get()) {
        session.store(original);
        session.saveChanges();
      }
      List<Supplier<QuerySession>> readers = List.of(
          store()::openSession, store()::lightweightSession, store()::querySession);
      for (Supplier<QuerySession> reader : readers) {
        try (QuerySession session = reader.get()) {
          Customer loaded = session.load(Customer.class, original.id()).orElseThrow();
          assertThat(loaded).isEqualTo(original);
          assertThat(loaded.balance()).isEqualByComparingTo("1234.50").hasToString("1234.50");
          assertThat(loaded.since()).isEqualTo(SINCE);
        }
      }
    }
  }

  @Test
  void mutableClassesWithNestedListsRoundTripAndLearnTheirVersion() {
    Account account = new Account("ACC-1", "Ada", new BigDecimal("10.00"), SINCE);
    account.post("deposit", new BigDecimal("5.25"));
    try (DocumentSession session = store().lightweightSession()) {
      session.store(account);
      session.saveChanges();
    }
    assertThat(account.getVersion()).isEqualTo(1);

    for (Supplier<QuerySession> reader : List.<Supplier<QuerySession>>of(
        store()::openSession, store()::lightweightSession, store()::querySession)) {
      try (QuerySession session = reader.get()) {
        Account loaded = session.load(Account.class, "ACC-1").orElseThrow();
        assertThat(loaded.getOwner()).isEqualTo("Ada");
        assertThat(loaded.getTier()).isEqualTo(Tier.BASIC);
        assertThat(loaded.getBalance()).isEqualByComparingTo("15.25");
        assertThat(loaded.getOpened()).isEqualTo(SINCE);
        assertThat(loaded.getVersion()).isEqualTo(1);
        assertThat(loaded.getEntries()).singleElement().satisfies(entry -> {
          assertThat(entry.getText()).isEqualTo("deposit");
          assertThat(entry.getAmount()).isEqualByComparingTo("5.25");
        });
      }
    }
  }

  @Test
  void openSessionReturnsTheSameInstanceForTheSameIdAndLightweightDoesNot() {
    Customer original = customer("same@example.com");
    try (DocumentSession session = store().openSession()) {
      session.store(original);
      session.saveChanges();
      assertThat(session.load(Customer.class, original.id()).orElseThrow()).isSameAs(original);
    }
    try (DocumentSession session = store().openSession()) {
      Customer first = session.load(Customer.class, original.id()).orElseThrow();
      assertThat(session.load(Customer.class, original.id()).orElseThrow()).isSameAs(first);
      assertThat(session.loadMany(Customer.class, original.id())).singleElement().isSameAs(first);
    }
    try (DocumentSession session = store().lightweightSession()) {
      Customer first = session.load(Customer.class, original.id()).orElseThrow();
      assertThat(session.load(Customer.class, original.id()).orElseThrow()).isNotSameAs(first).isEqualTo(first);
    }
  }

  @Test
  void loadManyKeepsTheOrderAskedAndSkipsMissingIds() {
    Customer a = customer("a@example.com");
    Customer b = customer("b@example.com");
    try (DocumentSession session = store().lightweightSession()) {
      session.store(a, b);
      session.saveChanges();
    }
    try (QuerySession session = store().querySession()) {
      assertThat(session.loadMany(Customer.class, b.id(), UUID.randomUUID(), a.id())).containsExactly(b, a);
      assertThat(session.loadMany(Customer.class, List.of())).isEmpty();
    }
  }

  @Test
  void storeReplacesAndInsertRefusesAnExistingDocument() {
    Customer original = customer("old@example.com");
    try (DocumentSession session = store().lightweightSession()) {
      session.store(original);
      session.saveChanges();
      session.store(original.withEmail("new@example.com"));
      session.saveChanges();
    }
    assertThat(store().querySession().load(Customer.class, original.id()).orElseThrow().email())
        .isEqualTo("new@example.com");

    try (DocumentSession session = store().lightweightSession()) {
      session.insert(original);
      assertThatThrownBy(session::saveChanges)
          .isInstanceOf(DocumentExistsException.class)
          .hasMessage("Customer " + original.id() + " already exists; use store() to replace it or update() to change it");
    }
    assertThat(Tables.dump(store(), "doc_customer")).singleElement().asString()
        .contains(" v2 ").contains("new@example.com");
  }

  @Test
  void updateOfAMissingDocumentFailsAndWritesNothing() {
    Customer ghost = customer("ghost@example.com");
    try (DocumentSession session = store().lightweightSession()) {
      session.update(ghost);
      assertThatThrownBy(session::saveChanges)
          .isInstanceOf(DocumentNotFoundException.class)
          .hasMessageContaining("Customer " + ghost.id() + " does not exist");
    }
    assertThat(Tables.dump(store(), "doc_customer")).isEmpty();
  }

  @Test
  void saveChangesWhoseThirdOperationFailsLeavesTheDatabaseExactlyAsBefore() {
    Customer existing = customer("existing@example.com");
    Customer other = customer("other@example.com");
    try (DocumentSession session = store().lightweightSession()) {
      session.store(existing, other);
      session.saveChanges();
    }
    List<String> before = Tables.dump(store(), "doc_customer");

    Customer fresh = customer("fresh@example.com");
    try (DocumentSession session = store().lightweightSession()) {
      session.store(fresh);                                   // 1: new row
      session.store(existing.withEmail("changed@example.com")); // 2: changed row (same batch as 1)
      session.insert(other);                                  // 3: fails, it exists
      session.deleteById(Customer.class, existing.id());      // 4: never reached
      assertThatThrownBy(session::saveChanges).isInstanceOf(DocumentExistsException.class);
      assertThat(session.pendingChanges()).isEqualTo(4);
    }

    assertThat(Tables.dump(store(), "doc_customer")).isEqualTo(before);
  }

  @Test
  void aHundredDocumentsAreSavedInOneSaveChanges() {
    List<Customer> customers = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      customers.add(customer("c" + i + "@example.com"));
    }
    try (DocumentSession session = store().lightweightSession()) {
      session.store(customers.toArray());
      session.saveChanges();
      assertThat(session.pendingChanges()).isZero();
    }
    assertThat(Tables.dump(store(), "doc_customer")).hasSize(100);
  }

  @Test
  void deleteAndDeleteByIdRemoveRows() {
    Customer a = customer("a@example.com");
    Customer b = customer("b@example.com");
    try (DocumentSession session = store().openSession()) {
      session.store(a, b);
      session.saveChanges();
      session.delete(a);
      session.deleteById(Customer.class, b.id());
      session.deleteById(Customer.class, UUID.randomUUID());
      session.saveChanges();
      assertThat(session.load(Customer.class, a.id())).isEmpty();
    }
    assertThat(Tables.dump(store(), "doc_customer")).isEmpty();
  }

  @Test
  void softDeletedDocumentsAreHiddenKeptAndRestorable() {
    Note note = new Note("remember");
    try (DocumentSession session = store().lightweightSession()) {
      session.store(note);
      session.saveChanges();
    }
    assertThat(note.id()).as("a UUID id is assigned on store").isNotNull();
    assertThat(note.id().version()).isEqualTo(7);

    try (DocumentSession session = store().lightweightSession()) {
      session.deleteById(Note.class, note.id());
      session.saveChanges();
      assertThat(session.load(Note.class, note.id())).isEmpty();
      assertThat(session.loadMany(Note.class, note.id())).isEmpty();
    }
    assertThat(Tables.query(store(), "SELECT count(*) FROM \"" + store().schemaName()
        + "\".doc_note WHERE deleted_at IS NOT NULL")).containsExactly("1");

    try (DocumentSession session = store().lightweightSession()) {
      session.restore(Note.class, note.id());
      session.saveChanges();
      assertThat(session.load(Note.class, note.id()).orElseThrow().text()).isEqualTo("remember");
    }
  }

  @Test
  void ejectForgetsTheInstanceAndItsPendingChanges() {
    Customer a = customer("a@example.com");
    try (DocumentSession session = store().openSession()) {
      session.store(a);
      session.eject(a);
      assertThat(session.pendingChanges()).isZero();
      session.saveChanges();
    }
    assertThat(Tables.dump(store(), "doc_customer")).isEmpty();
  }

  @Test
  void wrongIdTypesAndUnknownTypesAreRefusedWithTheirNames() {
    try (QuerySession session = store().querySession()) {
      assertThatThrownBy(() -> session.load(Customer.class, 42L))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("Customer ids are UUID, not Long (42)");
      // A UUID's text names the same document (see IdFormsTest); other text is refused.
      assertThatThrownBy(() -> session.load(Customer.class, "not-a-uuid"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("Customer ids are UUID, and \"not-a-uuid\" is not one");
      assertThatThrownBy(() -> session.load(String.class, "x"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("java.lang.String is not a document of this store");
    }
    try (DocumentSession session = store().lightweightSession()) {
      assertThatThrownBy(() -> session.store(new Customer(null, "x", Tier.BASIC, null, List.of(), SINCE, BigDecimal.ONE)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("Customer has no id: set it before storing");
      assertThatThrownBy(() -> session.restore(Customer.class, UUID.randomUUID()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("does not use soft deletes");
    }
  }

  @Test
  void storingOneDocumentTwiceInASessionIsOneWrite() {
    Account account = new Account("TWICE", "Ada", BigDecimal.ONE, SINCE);
    try (DocumentSession session = store().openSession()) {
      session.store(account);
      account.setOwner("Grace");
      session.store(account);
      session.saveChanges();
      account.setOwner("Linus");
      session.store(account);
      session.store(account);
      session.saveChanges();
    }
    Account stored = store().querySession().load(Account.class, "TWICE").orElseThrow();
    assertThat(stored.getOwner()).isEqualTo("Linus");
    assertThat(stored.getVersion()).isEqualTo(2);
  }

  @Test
  void patchChangesOnOnePathAddUpInOrder() {
    Customer c = customer("count@example.com");
    try (DocumentSession session = store().lightweightSession()) {
      session.store(c);
      session.saveChanges();
      session.patch(Customer.class, c.id()).set("balance", 10).increment("balance", 1).increment("balance", 2);
      session.saveChanges();
    }
    assertThat(store().querySession().load(Customer.class, c.id()).orElseThrow().balance()).isEqualByComparingTo("13");
  }

  @Test
  void aDataSourceWithAutoCommitOffLosesNoSingleWrite() {
    com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
    io.rillflow.test.TestDatabase database = io.rillflow.test.TestDatabase.shared();
    config.setJdbcUrl(database.jdbcUrl());
    if (database.username() != null) {
      config.setUsername(database.username());
      config.setPassword(database.password());
    }
    config.setAutoCommit(false);
    config.setMaximumPoolSize(2);
    try (com.zaxxer.hikari.HikariDataSource dataSource = new com.zaxxer.hikari.HikariDataSource(config);
        io.rillflow.DocumentStore manual = io.rillflow.DocumentStore.builder()
            .dataSource(dataSource).schema(store().schemaName()).build()) {
      Customer c = customer("manual@example.com");
      try (DocumentSession session = manual.lightweightSession()) {
        session.store(c);
        session.saveChanges();
      }
      assertThat(store().querySession().load(Customer.class, c.id())).contains(c);
    }
  }

  @Test
  void aDriverThatHidesRowCountsFailsInsertsClearlyAndWritesNothing() {
    io.rillflow.test.TestDatabase database = io.rillflow.test.TestDatabase.shared();
    String url = database.jdbcUrl() + (database.jdbcUrl().contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
    io.rillflow.DocumentStoreBuilder builder = io.rillflow.DocumentStore.builder().url(url).schema(store().schemaName());
    if (database.username() != null) {
      builder.username(database.username()).password(database.password());
    }
    try (io.rillflow.DocumentStore rewriting = builder.build(); DocumentSession session = rewriting.lightweightSession()) {
      session.insert(customer("a@example.com"), customer("b@example.com"));
      assertThatThrownBy(session::saveChanges)
          .isInstanceOf(io.rillflow.RillflowException.class)
          .hasMessageContaining("reWriteBatchedInserts");
    }
    assertThat(Tables.dump(store(), "doc_customer")).isEmpty();
  }
}
