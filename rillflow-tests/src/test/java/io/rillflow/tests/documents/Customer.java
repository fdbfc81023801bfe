package io.rillflow.tests.documents;

import io.rillflow.annotations.Document;
import io.rillflow.annotations.Duplicated;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Document
@Duplicated(path = "address.city", lowercase = true)
public record Customer(
    UUID id,
    @Duplicated(unique = true) String email,
    @Duplicated Tier tier,
    Address address,
    List<String> tags,
    @Duplicated(indexed = false) Instant since,
    @Duplicated(column = "balance_amount") BigDecimal balance) {

  public Customer withEmail(String newEmail) {
    return new Customer(id, newEmail, tier, address, tags, since, balance);
  }
}
