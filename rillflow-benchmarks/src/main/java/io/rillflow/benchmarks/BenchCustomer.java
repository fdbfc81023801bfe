package io.rillflow.benchmarks;

import io.rillflow.annotations.Document;
import io.rillflow.annotations.Duplicated;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The benchmarks' document: a customer of about 350 bytes of compact JSON, with the kinds of members real
 * documents have (text, numbers, a list, a nested object, a timestamp, a decimal). Stored in
 * {@code doc_bench_customer}; its email is a duplicated, uniquely indexed column.
 */
@Document
public record BenchCustomer(
    UUID id, @Duplicated(unique = true) String email, String name, String phone, int age, List<String> tags, Address address, Instant since,
    BigDecimal balance) {

  /** A postal address, nested in the customer's JSON. */
  public record Address(String street, String city, String zip, String country) {}
}
