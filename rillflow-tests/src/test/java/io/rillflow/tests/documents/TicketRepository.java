package io.rillflow.tests.documents;

import io.rillflow.DocumentRepository;
import io.rillflow.DocumentSession;
import io.rillflow.annotations.Repository;

@Repository
public interface TicketRepository extends DocumentRepository<Ticket, Integer> {
  long deleteByTitle(String title);

  void deleteByTitleStartingWith(String prefix);

  @Override
  TicketRepository in(DocumentSession session);
}
