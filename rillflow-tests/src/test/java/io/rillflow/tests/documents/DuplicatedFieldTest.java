package io.rillflow.tests.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.DocumentNotFoundException;
import io.rillflow.DocumentSession;
import io.rillflow.RillflowException;
import io.rillflow.test.RillflowTestBase;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DuplicatedFieldTest extends RillflowTestBase {
  private static final Instant SINCE = Instant.parse("2023-05-06T07:08:09Z");

  private static Customer customer(int i) {
    return new Customer(UUID.randomUUID(), "c" + i + "@example.com", i % 10 == 0 ? Tier.VIP : Tier.BASIC,
        new Address(i + " Main St", i % 2 == 0 ? "Springfield" : "Shelbyville", "0000" + i),
        List.of("t" + i), SINCE.plusSeconds(i), new BigDecimal(i + ".25"));
  }

  private String table() {
    return "\"" + store().schemaName() + "\".doc_customer";
  }

  @Test
  void duplicatedColumnsHoldTheJsonValues() {
    Customer c = customer(3);
    try (DocumentSession session = store().lightweightSession()) {
      session.store(c);
      session.saveChanges();
    }
    assertThat(Tables.query(store(), "SELECT email || '|' || tier || '|' || address_city || '|' "
        + "|| (since = timestamptz '2023-05-06T07:08:12Z') || '|' || balance_amount FROM " + table()))
        .containsExactly("c3@example.com|BASIC|shelbyville|true|3.25");
  }

  @Test
  void aQueryOnADuplicatedFieldUsesItsIndex() {
    List<Customer> customers = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      customers.add(customer(i));
    }
    try (DocumentSession session = store().lightweightSession()) {
      session.store(customers.toArray());
      session.saveChanges();
    }
    Tables.execute(store(), "ANALYZE " + table());
    List<String> plan = Tables.query(store(),
        "EXPLAIN SELECT data FROM " + table() + " WHERE email = 'c42@example.com'");
    assertThat(String.join("\n", plan)).contains("doc_customer_email_uidx");
    List<String> cityPlan = Tables.query(store(),
        "EXPLAIN SELECT data FROM " + table() + " WHERE address_city = 'springfield' AND tier = 'VIP'");
    assertThat(String.join("\n", cityPlan)).containsAnyOf("doc_customer_tier_idx", "doc_customer_address_city_idx");
  }

  @Test
  void theColumnFollowsThePatchAndARawSqlUpdate() {
    Customer c = customer(7);
    try (DocumentSession session = store().lightweightSession()) {
      session.store(c);
      session.saveChanges();
      session.patch(Customer.class, c.id())
          .set("email", "patched@example.com")
          .set("address.city", "Capital City")
          .increment("balance", 10);
      session.saveChanges();
    }
    assertThat(Tables.query(store(), "SELECT email || '|' || address_city || '|' || balance_amount || '|' || version FROM " + table()))
        .containsExactly("patched@example.com|capital city|17.25|2");
    Customer patched = store().querySession().load(Customer.class, c.id()).orElseThrow();
    assertThat(patched.email()).isEqualTo("patched@example.com");
    assertThat(patched.address().city()).isEqualTo("Capital City");
    assertThat(patched.balance()).isEqualByComparingTo("17.25");

    Tables.execute(store(), "UPDATE " + table()
        + " SET data = jsonb_set(data, '{email}', '\"raw@example.com\"')");
    assertThat(Tables.query(store(), "SELECT email FROM " + table())).containsExactly("raw@example.com");
  }

  @Test
  void patchingAMissingDocumentFailsAndPatchingAVersionedOneMovesItsVersion() {
    try (DocumentSession session = store().lightweightSession()) {
      session.store(new Ticket(5, "t", 0));
      session.saveChanges();
      session.patch(Ticket.class, 5).set("title", "patched");
      session.saveChanges();
      assertThat(session.load(Ticket.class, 5).orElseThrow()).isEqualTo(new Ticket(5, "patched", 2));

      session.patch(Ticket.class, 6).set("title", "nobody");
      assertThatThrownBy(session::saveChanges).isInstanceOf(DocumentNotFoundException.class);
    }
  }

  @Test
  void aUniqueDuplicatedFieldRefusesADuplicateAndWritesNothing() {
    Customer first = customer(1);
    Customer twin = new Customer(UUID.randomUUID(), first.email(), Tier.BASIC, null, List.of(), SINCE, BigDecimal.ONE);
    try (DocumentSession session = store().lightweightSession()) {
      session.store(first, twin);
      assertThatThrownBy(session::saveChanges)
          .isInstanceOf(RillflowException.class)
          .hasMessageContaining("doc_customer_email_uidx")
          .hasMessageContaining("nothing was written");
    }
    assertThat(Tables.dump(store(), "doc_customer")).isEmpty();
  }
}
