package io.rillflow.samples.customers;

import io.rillflow.annotations.Document;
import io.rillflow.annotations.Duplicated;
import io.rillflow.annotations.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A customer document: a record stored as JSON in table {@code doc_customer}. Its email is copied
 * into a unique, indexed column; so is its city (in lower case), through a type-level path. Its
 * version guards against lost updates.
 */
@Document
@Duplicated(path = "address.city", lowercase = true)
public record Customer(
    UUID id,
    @Duplicated(unique = true) String email,
    String name,
    Tier tier,
    Address address,
    List<String> tags,
    Instant since,
    BigDecimal credit,
    @Version long version) {

  /** A new customer, not yet stored (version 0). */
  public static Customer create(String email, String name, Address address) {
    return new Customer(UUID.randomUUID(), email, name, Tier.BASIC, address, List.of(), Instant.now(), BigDecimal.ZERO, 0);
  }

  /** The same customer with another tier. */
  public Customer withTier(Tier newTier) {
    return new Customer(id, email, name, newTier, address, tags, since, credit, version);
  }
}
