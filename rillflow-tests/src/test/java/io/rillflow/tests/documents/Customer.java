package io.rillflow.tests.documents;

import io.rillflow.annotations.Document;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Document
public record Customer(
    UUID id, String email, Tier tier, Address address, List<String> tags, Instant since, BigDecimal balance) {

  public Customer withEmail(String newEmail) {
    return new Customer(id, newEmail, tier, address, tags, since, balance);
  }
}
