package io.rillflow.tests.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.ConcurrencyException;
import io.rillflow.DocumentSession;
import io.rillflow.test.RillflowTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A repository's delete query called through a session is part of its unit of work. */
class SessionDeleteTest extends RillflowTestBase {
  private TicketRepository tickets;

  @BeforeEach
  void tickets() {
    tickets = store().repository(TicketRepository.class);
    tickets.saveAll(java.util.List.of(new Ticket(1, "old", 0), new Ticket(2, "old", 0), new Ticket(3, "new", 0)));
  }

  @Test
  void aQueuedDeleteRolledBackByAFailingSaveChangesLeavesTheRows() {
    try (DocumentSession session = store().openSession()) {
      long matching = tickets.in(session).deleteByTitle("old");
      assertThat(matching).isEqualTo(2);
      assertThat(tickets.count()).isEqualTo(3);
      session.store(new Ticket(3, "stale", 0));   // expects a new document: conflicts
      assertThatThrownBy(session::saveChanges).isInstanceOf(ConcurrencyException.class);
    }
    assertThat(tickets.count()).isEqualTo(3);
    assertThat(tickets.findById(1)).isPresent();
  }

  @Test
  void aCommittedDeleteEvictsTheDeletedDocumentsFromTheIdentityMap() {
    try (DocumentSession session = store().openSession()) {
      TicketRepository bound = tickets.in(session);
      Ticket one = bound.findById(1).orElseThrow();
      Ticket three = bound.findById(3).orElseThrow();
      bound.deleteByTitleStartingWith("ol");
      assertThat(bound.findById(1)).containsSame(one);   // not yet written
      session.saveChanges();
      assertThat(session.load(Ticket.class, 1)).isEmpty();
      assertThat(session.load(Ticket.class, 2)).isEmpty();
      assertThat(session.load(Ticket.class, 3)).containsSame(three);
    }
    assertThat(tickets.count()).isEqualTo(1);
  }

  @Test
  void aDocumentStoredAfterAQueuedDeleteIsWrittenAfterIt() {
    try (DocumentSession session = store().openSession()) {
      Ticket one = session.load(Ticket.class, 1).orElseThrow();
      session.store(one.retitled("old"));
      tickets.in(session).deleteByTitle("old");
      session.store(new Ticket(9, "old", 0));
      session.saveChanges();
    }
    assertThat(tickets.findById(1)).isEmpty();
    assertThat(tickets.findById(9)).contains(new Ticket(9, "old", 1));
  }
}
