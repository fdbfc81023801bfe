package io.rillflow.tests.documents;

import io.rillflow.DocumentRepository;
import io.rillflow.annotations.Repository;
import java.util.Optional;
import java.util.UUID;

@Repository
public interface EditionRepository extends DocumentRepository<Edition, UUID> {
  Optional<Edition> findByIsbn(String isbn);
}
