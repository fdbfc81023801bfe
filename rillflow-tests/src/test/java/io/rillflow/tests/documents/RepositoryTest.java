package io.rillflow.tests.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.ConcurrencyException;
import io.rillflow.DocumentExistsException;
import io.rillflow.DocumentNotFoundException;
import io.rillflow.DocumentSession;
import io.rillflow.test.RillflowTestBase;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class RepositoryTest extends RillflowTestBase {

  private static Customer customer(int i) {
    return new Customer(UUID.randomUUID(), "r" + i + "@example.com", Tier.GOLD,
        new Address("1 Elm", "Springfield", "1"), List.of(), Instant.EPOCH, BigDecimal.TEN);
  }

  @Test
  void crudOnItsOwnEachCallItsOwnTransaction() {
    CustomerRepository customers = store().repository(CustomerRepository.class);
    Customer a = customers.save(customer(1));
    Customer b = customers.insert(customer(2));

    assertThat(customers.findById(a.id())).contains(a);
    assertThat(customers.findAllById(List.of(b.id(), a.id()))).containsExactly(b, a);
    assertThat(customers.existsById(a.id())).isTrue();
    assertThat(customers.existsById(UUID.randomUUID())).isFalse();
    assertThat(customers.count()).isEqualTo(2);

    customers.update(a.withEmail("changed@example.com"));
    assertThat(customers.findById(a.id()).orElseThrow().email()).isEqualTo("changed@example.com");
    assertThatThrownBy(() -> customers.insert(b)).isInstanceOf(DocumentExistsException.class);
    assertThatThrownBy(() -> customers.update(customer(3))).isInstanceOf(DocumentNotFoundException.class);

    customers.delete(a);
    customers.deleteById(b.id());
    assertThat(customers.count()).isZero();
  }

  @Test
  void findAllStreamsEveryDocumentThroughACursor() {
    CustomerRepository customers = store().repository(CustomerRepository.class);
    List<Customer> all = new ArrayList<>();
    for (int i = 0; i < 1_234; i++) {
      all.add(customer(i));
    }
    store().bulkInsert(all);
    try (Stream<Customer> stream = customers.findAll()) {
      assertThat(stream.map(Customer::id)).containsExactlyInAnyOrderElementsOf(all.stream().map(Customer::id).toList());
    }
    try (Stream<Customer> stream = customers.findAll()) {
      assertThat(stream.limit(3)).hasSize(3);
    }
    assertThat(store().querySession().query(Customer.class).list()).hasSize(1_234);
    assertThat(store().querySession().query(Customer.class).exists()).isTrue();
  }

  @Test
  void inASessionReadsUseTheIdentityMapAndWritesWaitForSaveChanges() {
    CustomerRepository customers = store().repository(CustomerRepository.class);
    Customer a = customers.save(customer(1));
    try (DocumentSession session = store().openSession()) {
      CustomerRepository inSession = customers.in(session);
      Customer loaded = inSession.findById(a.id()).orElseThrow();
      assertThat(inSession.findById(a.id()).orElseThrow()).isSameAs(loaded);

      Customer b = inSession.save(customer(2));
      assertThat(customers.existsById(b.id())).as("not saved before saveChanges").isFalse();
      session.saveChanges();
      assertThat(customers.existsById(b.id())).isTrue();
    }
  }

  @Test
  void versionedDocumentsKeepOptimisticConcurrencyThroughRepositories() {
    AccountRepository accounts = store().repository(AccountRepository.class);
    accounts.save(new Account("R-1", "Ada", BigDecimal.ONE, Instant.EPOCH));
    Account first = accounts.findById("R-1").orElseThrow();
    Account second = accounts.findById("R-1").orElseThrow();
    first.setOwner("Grace");
    accounts.save(first);
    second.setOwner("Linus");
    assertThatThrownBy(() -> accounts.save(second)).isInstanceOf(ConcurrencyException.class);
    assertThat(accounts.findById("R-1").orElseThrow().getOwner()).isEqualTo("Grace");
  }

  @Test
  void anInterfaceWithNoGeneratedRepositoryIsRefusedWithAHint() {
    assertThatThrownBy(() -> store().repository(NotARepository.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("No generated repository implements " + NotARepository.class.getName());
  }

  interface NotARepository extends io.rillflow.DocumentRepository<Customer, UUID> {}
}
