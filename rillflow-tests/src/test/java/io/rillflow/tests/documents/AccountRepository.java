package io.rillflow.tests.documents;

import io.rillflow.DocumentRepository;
import io.rillflow.annotations.Repository;

@Repository
public interface AccountRepository extends DocumentRepository<Account, String> {}
