package io.rillflow.tests.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.DocumentSession;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.test.RillflowTestBase;
import io.rillflow.tests.projections.Tick;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A UUID and its text name the same document, as they name the same stream. */
class IdFormsTest extends RillflowTestBase {

  @Test
  void aUuidDocumentLoadsByItsTextAsAStreamIsAppendedByIt() {
    UUID id = UUID.randomUUID();
    Customer customer = new Customer(id, "forms@example.com", Tier.BASIC, null, List.of(), Instant.EPOCH, BigDecimal.ONE);
    store().repository(CustomerRepository.class).save(customer);

    try (DocumentSession session = store().openSession()) {
      Customer byUuid = session.load(Customer.class, id).orElseThrow();
      assertThat(session.load(Customer.class, id.toString())).containsSame(byUuid);
      assertThat(session.loadMany(Customer.class, List.of(id.toString(), UUID.randomUUID().toString())))
          .containsExactly(byUuid);
      assertThat(session.exists(Customer.class, id.toString())).isTrue();
    }
    assertThatThrownBy(() -> store().querySession().load(Customer.class, "not-a-uuid"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("Customer ids are UUID, and \"not-a-uuid\" is not one");

    store().events().append(id, ExpectedVersion.noStream(), new Tick("t", 1));
    store().events().append(id.toString(), ExpectedVersion.exactly(1), new Tick("t", 2));
    assertThat(store().events().readStream(id)).hasSize(2);
  }
}
