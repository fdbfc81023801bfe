package io.rillflow;

import java.time.Instant;

/**
 * What the store keeps about a document beside its JSON, read without loading the document
 * ({@link QuerySession#metadata(Class, Object)}). To query by these values, use the paths of
 * {@link io.rillflow.query.Metadata}.
 *
 * @param version the row's version: 1 when inserted, one more at every write
 * @param createdAt when the document was first stored
 * @param updatedAt when it was last written
 * @param deletedAt when it was soft-deleted; {@code null} when live or when the type has no soft delete
 */
public record DocumentMetadata(long version, Instant createdAt, Instant updatedAt, Instant deletedAt) {

  /** Whether the document is soft-deleted. */
  public boolean deleted() {
    return deletedAt != null;
  }
}
