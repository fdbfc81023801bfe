package io.rillflow.tests.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.ConcurrencyException;
import io.rillflow.DocumentExistsException;
import io.rillflow.DocumentSession;
import io.rillflow.test.RillflowTestBase;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Many documents in one saveChanges() go as one multi-row statement per run: the same rows, versions,
 * duplicated columns and failures as one statement per document.
 */
class SaveManyTest extends RillflowTestBase {

  private static List<Customer> customers(int count) {
    List<Customer> all = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      all.add(new Customer(UUID.randomUUID(), "c" + i + "@example.com", Tier.BASIC, null, List.of(), Instant.EPOCH,
          BigDecimal.valueOf(i)));
    }
    return all;
  }

  @Test
  void manyUpsertsStoreEveryDocumentAndTheirDuplicatedColumns() {
    List<Customer> all = customers(300);
    try (DocumentSession session = store().lightweightSession()) {
      all.forEach(session::store);
      session.saveChanges();
      // Again: each one is replaced, at version 2.
      all.forEach(c -> session.store(c.withEmail("again-" + c.email())));
      session.saveChanges();
    }
    assertThat(store().querySession().query(Customer.class).count()).isEqualTo(300);
    assertThat(store().querySession().query(Customer.class).where(Customer_.email.eq("again-c7@example.com")).list())
        .extracting(Customer::id).containsExactly(all.get(7).id());
    assertThat(Tables.dump(store(), "doc_customer")).allSatisfy(row -> assertThat(row).contains(" v2 "));
  }

  @Test
  void manyInsertsWithOneThatExistsWriteNothingAndNameIt() {
    List<Customer> all = customers(40);
    store().repository(CustomerRepository.class).insert(all.get(23));
    try (DocumentSession session = store().lightweightSession()) {
      all.forEach(session::insert);
      assertThatThrownBy(session::saveChanges)
          .isInstanceOf(DocumentExistsException.class)
          .hasMessageContaining(all.get(23).id().toString());
    }
    assertThat(store().querySession().query(Customer.class).count()).isEqualTo(1);
  }

  @Test
  void manyVersionedDocumentsInsertAtVersionOneAndAStaleNewOneIsAConflict() {
    try (DocumentSession session = store().openSession()) {
      IntStream.range(0, 50).forEach(i -> session.store(new Ticket(i, "t" + i, 0)));
      session.saveChanges();
      assertThat(session.load(Ticket.class, 49)).contains(new Ticket(49, "t49", 1));
    }
    assertThat(store().querySession().load(Ticket.class, 31)).contains(new Ticket(31, "t31", 1));
    try (DocumentSession session = store().lightweightSession()) {
      IntStream.range(45, 70).forEach(i -> session.store(new Ticket(i, "again", 0)));
      assertThatThrownBy(session::saveChanges)
          .isInstanceOfSatisfying(ConcurrencyException.class, e -> {
            assertThat(e.expectedVersion()).isZero();
            assertThat(e.actualVersion()).isEqualTo(1);
          });
    }
    assertThat(store().querySession().load(Ticket.class, 60)).isEmpty();
    assertThat(store().querySession().query(Ticket.class).count()).isEqualTo(50);
  }
}
