package io.rillflow.samples.customers;

import io.rillflow.DocumentSession;
import io.rillflow.DocumentStore;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.util.UUID;

/** An application service, injected by any JSR-330 container (the samples' tests use Guice). */
@Singleton
public final class CustomerDirectory {
  private final DocumentStore store;
  private final CustomerRepository customers;

  @Inject
  public CustomerDirectory(DocumentStore store, CustomerRepository customers) {
    this.store = store;
    this.customers = customers;
  }

  /** Registers a customer; the unique email column refuses a second one with the same address. */
  public Customer register(String email, String name, Address address) {
    return customers.insert(Customer.create(email, name, address));
  }

  /** Promotes a customer and grants credit, in one transaction. */
  public void promote(UUID id, Tier tier, BigDecimal credit) {
    try (DocumentSession session = store.openSession()) {
      CustomerRepository inSession = customers.in(session);
      Customer customer = inSession.findById(id).orElseThrow();
      inSession.save(customer.withTier(tier));
      session.saveChanges();
      // A patch changes parts of the JSON in SQL, without loading the document.
      session.patch(Customer.class, id).increment("credit", credit.doubleValue());
      session.saveChanges();
    }
  }
}
