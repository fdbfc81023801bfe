package io.rillflow.samples.customers;

import io.rillflow.DocumentRepository;
import io.rillflow.DocumentSession;
import io.rillflow.annotations.Query;
import io.rillflow.annotations.Repository;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * Customers' repository: the processor generates {@code CustomerRepositoryImpl}, a
 * {@code @Singleton} with an {@code @Inject} constructor taking the {@code DocumentStore}.
 */
@Repository
public interface CustomerRepository extends DocumentRepository<Customer, UUID> {

  /** Derived from the name at compile time: the city is a duplicated, lower-case column. */
  long countByAddressCityIgnoreCase(String city);

  /** A checked @Query with a projection: only the two paths are read. */
  @Query(value = "tier = :tier and credit > :credit", orderBy = "email")
  List<Contact> contactsInTier(Tier tier, BigDecimal credit);

  /** The parts of a customer a mailing needs. */
  record Contact(String email, String name) {}

  /** Redeclared so that the session-bound repository keeps this interface's type. */
  @Override
  CustomerRepository in(DocumentSession session);
}
