package io.rillflow.tests.tenancy;

import io.rillflow.DocumentRepository;
import io.rillflow.annotations.Repository;

@Repository
public interface CurrencyRepository extends DocumentRepository<Currency, String> {}
