package io.rillflow.tests.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.BulkMode;
import io.rillflow.DocumentSession;
import io.rillflow.UniqueConstraintException;
import io.rillflow.test.RillflowTestBase;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** A taken unique value fails every write path with UniqueConstraintException naming type, field and value. */
class UniqueConstraintTest extends RillflowTestBase {

  private static Customer customer(String email) {
    return new Customer(UUID.randomUUID(), email, Tier.GOLD, new Address("1 Elm", "Springfield", "1"), List.of(),
        Instant.EPOCH, BigDecimal.TEN);
  }

  private void assertTaken(ThrowingCallable write, String email) {
    assertThatThrownBy(write).isInstanceOfSatisfying(UniqueConstraintException.class, e -> {
      assertThat(e.documentType()).isEqualTo(Customer.class);
      assertThat(e.field()).isEqualTo("email");
      assertThat(e.value()).isEqualTo(email);
      assertThat(e).hasMessageContaining("Customer.email").hasMessageContaining("\"" + email + "\"")
          .hasMessageContaining("nothing was written");
    });
  }

  private long customers() {
    return store().querySession().query(Customer.class).count();
  }

  @Test
  void saveChangesOfTwoDocumentsWithOneValue() {
    try (DocumentSession session = store().openSession()) {
      session.store(customer("ada@example.com"), customer("ada@example.com"));
      assertTaken(session::saveChanges, "ada@example.com");
    }
    assertThat(customers()).isZero();
  }

  @Test
  void repositoryInsertAndSaveOfATakenValue() {
    CustomerRepository repository = store().repository(CustomerRepository.class);
    repository.insert(customer("bob@example.com"));

    assertTaken(() -> repository.insert(customer("bob@example.com")), "bob@example.com");
    assertTaken(() -> repository.save(customer("bob@example.com")), "bob@example.com");
    assertThat(customers()).isOne();
  }

  @Test
  void aManyRowStatementNamesTheValueToo() {
    store().repository(CustomerRepository.class).insert(customer("c7@example.com"));
    List<Customer> many = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      many.add(customer("c" + i + "@example.com"));
    }
    try (DocumentSession session = store().openSession()) {
      session.insert(many.toArray());
      assertTaken(session::saveChanges, "c7@example.com");
    }
    assertThat(customers()).isOne();
  }

  @Test
  void bulkInsertOfATakenValueInEveryMode() {
    store().repository(CustomerRepository.class).insert(customer("dan@example.com"));
    for (BulkMode mode : BulkMode.values()) {
      assertTaken(() -> store().bulkInsert(List.of(customer("eve@example.com"), customer("dan@example.com")), mode),
          "dan@example.com");
    }
    assertThat(customers()).isOne();
  }
}
