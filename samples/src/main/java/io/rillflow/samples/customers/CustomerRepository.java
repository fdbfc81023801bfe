package io.rillflow.samples.customers;

import io.rillflow.DocumentRepository;
import io.rillflow.DocumentSession;
import io.rillflow.annotations.Repository;
import java.util.UUID;

/**
 * Customers' repository: the processor generates {@code CustomerRepositoryImpl}, a
 * {@code @Singleton} with an {@code @Inject} constructor taking the {@code DocumentStore}.
 */
@Repository
public interface CustomerRepository extends DocumentRepository<Customer, UUID> {

  /** Redeclared so that the session-bound repository keeps this interface's type. */
  @Override
  CustomerRepository in(DocumentSession session);
}
