package io.rillflow.tests.documents;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.DocumentMetadata;
import io.rillflow.DocumentSession;
import io.rillflow.QuerySession;
import io.rillflow.query.Metadata;
import io.rillflow.test.RillflowTestBase;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A document's version and timestamps: read without loading it, and queried like any path. */
class MetadataTest extends RillflowTestBase {

  private static Customer customer(String email) {
    return new Customer(UUID.randomUUID(), email, Tier.GOLD, new Address("1 Elm", "Springfield", "1"), List.of(),
        Instant.EPOCH, BigDecimal.TEN);
  }

  @Test
  void metadataOfADocumentWithoutLoadingIt() {
    CustomerRepository customers = store().repository(CustomerRepository.class);
    Customer ada = customers.insert(customer("ada@example.com"));
    try (QuerySession session = store().querySession()) {
      DocumentMetadata inserted = session.metadata(Customer.class, ada.id()).orElseThrow();
      assertThat(inserted.version()).isEqualTo(1);
      assertThat(inserted.createdAt()).isEqualTo(inserted.updatedAt());
      assertThat(inserted.deletedAt()).isNull();

      customers.save(ada.withEmail("ada@lovelace.org"));
      DocumentMetadata saved = session.metadata(Customer.class, ada.id()).orElseThrow();
      assertThat(saved.version()).isEqualTo(2);
      assertThat(saved.createdAt()).isEqualTo(inserted.createdAt());
      assertThat(saved.updatedAt()).isAfter(inserted.updatedAt());

      assertThat(session.metadata(Customer.class, UUID.randomUUID())).isEmpty();
    }
  }

  @Test
  void aSoftDeletedDocumentStillHasMetadataWithItsDeletionTime() {
    EditionRepository editions = store().repository(EditionRepository.class);
    Edition edition = editions.insert(new Edition(UUID.randomUUID(), "1", "gone"));
    editions.delete(edition);
    try (DocumentSession session = store().openSession()) {
      assertThat(session.load(Edition.class, edition.id())).isEmpty();
      DocumentMetadata metadata = session.metadata(Edition.class, edition.id()).orElseThrow();
      assertThat(metadata.deleted()).isTrue();
      assertThat(metadata.deletedAt()).isAfterOrEqualTo(metadata.createdAt());
      assertThat(session.query(Edition.class).onlyDeleted()
          .where(Metadata.deletedAt().ge(metadata.deletedAt())).list()).containsExactly(edition);
    }
  }

  @Test
  void queriesFilterAndSortByMetadata() {
    CustomerRepository customers = store().repository(CustomerRepository.class);
    Customer first = customers.insert(customer("first@example.com"));
    Customer second = customers.insert(customer("second@example.com"));
    Customer firstAgain = customers.save(first.withEmail("first@example.org"));
    try (QuerySession session = store().querySession()) {
      Instant secondWritten = session.metadata(Customer.class, second.id()).orElseThrow().updatedAt();

      assertThat(session.query(Customer.class).where(Metadata.updatedAt().gt(secondWritten)).list())
          .containsExactly(firstAgain);
      assertThat(session.query(Customer.class).where(Metadata.version().eq(2L)).list()).containsExactly(firstAgain);
      assertThat(session.query(Customer.class).orderBy(Metadata.updatedAt().desc()).list())
          .containsExactly(firstAgain, second);
      assertThat(session.query(Customer.class).orderBy(Metadata.createdAt().asc()).list())
          .containsExactly(firstAgain, second);
    }
  }
}
