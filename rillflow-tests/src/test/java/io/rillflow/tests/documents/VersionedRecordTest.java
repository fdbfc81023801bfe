package io.rillflow.tests.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.ConcurrencyException;
import io.rillflow.DocumentSession;
import io.rillflow.test.RillflowTestBase;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A versioned record cannot be changed, so a save hands back a copy at the new version. */
class VersionedRecordTest extends RillflowTestBase {

  @Test
  void aRecordSavedTwiceInARowThroughTheRepositoryWorks() {
    TicketRepository tickets = store().repository(TicketRepository.class);
    Ticket first = tickets.save(new Ticket(1, "draft", 0));
    assertThat(first).isEqualTo(new Ticket(1, "draft", 1));
    Ticket second = tickets.save(first.retitled("final"));
    assertThat(second).isEqualTo(new Ticket(1, "final", 2));
    assertThat(tickets.update(second.retitled("printed"))).isEqualTo(new Ticket(1, "printed", 3));
    assertThat(tickets.findById(1)).contains(new Ticket(1, "printed", 3));

    assertThatThrownBy(() -> tickets.save(first.retitled("stale")))
        .isInstanceOf(ConcurrencyException.class)
        .hasMessage("Ticket 1: expected version 1, but it is at version 3");
  }

  @Test
  void saveAllReturnsEachRecordAtItsNewVersion() {
    TicketRepository tickets = store().repository(TicketRepository.class);
    List<Ticket> saved = tickets.saveAll(List.of(new Ticket(2, "a", 0), new Ticket(3, "b", 0)));
    assertThat(saved).containsExactly(new Ticket(2, "a", 1), new Ticket(3, "b", 1));
    assertThat(tickets.insert(new Ticket(4, "c", 0))).isEqualTo(new Ticket(4, "c", 1));
  }

  @Test
  void aSessionHoldsTheSavedRecordAtItsNewVersionSoItCanBeSavedAgain() {
    try (DocumentSession session = store().openSession()) {
      session.store(new Ticket(5, "draft", 0));
      session.saveChanges();
      Ticket held = session.load(Ticket.class, 5).orElseThrow();
      assertThat(held.version()).isEqualTo(1);

      session.store(held.retitled("final"));
      session.saveChanges();
      Ticket again = session.load(Ticket.class, 5).orElseThrow();
      assertThat(again).isEqualTo(new Ticket(5, "final", 2));

      session.store(again.retitled("printed"));
      session.saveChanges();
    }
    assertThat(store().querySession().load(Ticket.class, 5)).contains(new Ticket(5, "printed", 3));
  }

  @Test
  void throughABoundRepositoryTheSessionHoldsTheNewVersionAfterSaveChanges() {
    try (DocumentSession session = store().openSession()) {
      TicketRepository tickets = store().repository(TicketRepository.class).in(session);
      tickets.save(new Ticket(6, "draft", 0));
      session.saveChanges();
      Ticket held = tickets.findById(6).orElseThrow();
      assertThat(held).isEqualTo(new Ticket(6, "draft", 1));
      tickets.save(held.retitled("final"));
      session.saveChanges();
      assertThat(tickets.findById(6)).contains(new Ticket(6, "final", 2));
    }
  }
}
