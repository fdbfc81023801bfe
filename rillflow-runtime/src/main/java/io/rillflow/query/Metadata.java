package io.rillflow.query;

import java.time.Instant;
import java.util.List;

/**
 * Paths to what the store keeps beside a document's JSON (Marten's metadata), for
 * {@link DocumentQuery#where} and {@link DocumentQuery#orderBy} of any document type:
 *
 * <pre>{@code
 * session.query(Book.class).where(Metadata.updatedAt().gt(since)).orderBy(Metadata.updatedAt().desc()).list();
 * }</pre>
 *
 * <p>Each is a column of the document's table, so no JSON is read to compare it. {@link #deletedAt()}
 * exists only for {@code @Document(softDelete = true)} types; combine it with
 * {@link DocumentQuery#onlyDeleted()} or {@link DocumentQuery#includeDeleted()}.
 */
public final class Metadata {
  private Metadata() {}

  /** The row's version: 1 when inserted, one more at every write. */
  public static <D> ComparablePath<D, Long> version() {
    return new ComparablePath<>(List.of("version"), "version", false, Long.class);
  }

  /** When the document was first stored. */
  public static <D> ComparablePath<D, Instant> createdAt() {
    return new ComparablePath<>(List.of("createdAt"), "created_at", false, Instant.class);
  }

  /** When the document was last written. */
  public static <D> ComparablePath<D, Instant> updatedAt() {
    return new ComparablePath<>(List.of("updatedAt"), "updated_at", false, Instant.class);
  }

  /** When the document was soft-deleted; {@code null} while live. */
  public static <D> ComparablePath<D, Instant> deletedAt() {
    return new ComparablePath<>(List.of("deletedAt"), "deleted_at", false, Instant.class);
  }
}
