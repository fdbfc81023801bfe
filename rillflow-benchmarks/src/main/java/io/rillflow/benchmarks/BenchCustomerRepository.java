package io.rillflow.benchmarks;

import io.rillflow.DocumentRepository;
import io.rillflow.annotations.Repository;
import java.util.Optional;
import java.util.UUID;

/** The benchmarks' repository: its query methods' SQL is fixed at compile time. */
@Repository
public interface BenchCustomerRepository extends DocumentRepository<BenchCustomer, UUID> {

  /** {@code SELECT data ... WHERE "email" = ?}: the duplicated column and its unique index. */
  Optional<BenchCustomer> findByEmail(String email);

  /** {@code SELECT data ... WHERE data @> ?::jsonb}: the JSON, with no index to use. */
  Optional<BenchCustomer> findByName(String name);
}
