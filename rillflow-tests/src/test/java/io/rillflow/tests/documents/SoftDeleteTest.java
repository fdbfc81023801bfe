package io.rillflow.tests.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.DocumentSession;
import io.rillflow.QuerySession;
import io.rillflow.UniqueConstraintException;
import io.rillflow.test.RillflowTestBase;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Soft-deleted documents: hidden by default, read on request, and their unique values free to be taken again. */
class SoftDeleteTest extends RillflowTestBase {

  @Test
  void aWithdrawnIsbnCanBeAddedAgainWhileALiveOneStaysUnique() {
    EditionRepository editions = store().repository(EditionRepository.class);
    Edition first = editions.insert(new Edition(UUID.randomUUID(), "978-0", "first printing"));
    editions.delete(first);
    assertThat(editions.findByIsbn("978-0")).isEmpty();

    Edition second = editions.insert(new Edition(UUID.randomUUID(), "978-0", "second printing"));

    assertThat(editions.findByIsbn("978-0")).contains(second);
    assertThat(editions.findAllDeleted()).containsExactly(first);
    try (Stream<Edition> all = editions.findAllIncludingDeleted()) {
      assertThat(all).containsExactlyInAnyOrder(first, second);
    }
    assertThatThrownBy(() -> editions.insert(new Edition(UUID.randomUUID(), "978-0", "pirate")))
        .isInstanceOfSatisfying(UniqueConstraintException.class, e -> assertThat(e.field()).isEqualTo("isbn"));
    // Restoring the withdrawn one would make two live editions with one ISBN: refused, nothing written.
    try (DocumentSession session = store().openSession()) {
      session.restore(Edition.class, first.id());
      assertThatThrownBy(session::saveChanges).isInstanceOf(UniqueConstraintException.class);
    }
    assertThat(editions.findAllDeleted()).containsExactly(first);
  }

  @Test
  void queriesReadDeletedDocumentsOnlyWhenAsked() {
    EditionRepository editions = store().repository(EditionRepository.class);
    Edition live = editions.insert(new Edition(UUID.randomUUID(), "1", "live"));
    Edition gone = editions.insert(new Edition(UUID.randomUUID(), "2", "gone"));
    editions.delete(gone);

    try (QuerySession session = store().querySession()) {
      assertThat(session.query(Edition.class).list()).containsExactly(live);
      assertThat(session.query(Edition.class).includeDeleted().list()).containsExactlyInAnyOrder(live, gone);
      assertThat(session.query(Edition.class).onlyDeleted().list()).containsExactly(gone);
      assertThat(session.query(Edition.class).onlyDeleted().count()).isOne();
      assertThat(session.query(Edition.class).includeDeleted().count()).isEqualTo(2);
      assertThat(session.query(Edition.class).count()).isOne();
      assertThatThrownBy(() -> session.query(Customer.class).onlyDeleted())
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("Customer is not soft-deleted");
    }
  }

  @Test
  void aDeletedDocumentReadByQueryDoesNotComeBackThroughTheIdentityMap() {
    EditionRepository editions = store().repository(EditionRepository.class);
    Edition gone = editions.insert(new Edition(UUID.randomUUID(), "3", "gone"));
    editions.delete(gone);
    try (DocumentSession session = store().openSession()) {
      assertThat(session.query(Edition.class).includeDeleted().list()).containsExactly(gone);
      assertThat(session.query(Edition.class).onlyDeleted().list()).containsExactly(gone);
      assertThat(session.load(Edition.class, gone.id())).isEmpty();
    }
  }
}
