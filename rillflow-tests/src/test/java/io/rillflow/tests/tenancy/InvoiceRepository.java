package io.rillflow.tests.tenancy;

import io.rillflow.DocumentRepository;
import io.rillflow.annotations.Repository;
import java.util.List;

@Repository
public interface InvoiceRepository extends DocumentRepository<Invoice, String> {
  List<Invoice> findByCustomer(String customer);

  /** A derived delete: it counts what it deletes, both with the tenant's predicate. */
  long deleteByCustomer(String customer);
}
