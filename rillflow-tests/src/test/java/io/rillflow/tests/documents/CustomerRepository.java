package io.rillflow.tests.documents;

import io.rillflow.DocumentRepository;
import io.rillflow.DocumentSession;
import io.rillflow.annotations.Repository;
import java.util.UUID;

@Repository
public interface CustomerRepository extends DocumentRepository<Customer, UUID> {
  @Override
  CustomerRepository in(DocumentSession session);
}
