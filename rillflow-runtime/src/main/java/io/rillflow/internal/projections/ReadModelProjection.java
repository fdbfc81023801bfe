package io.rillflow.internal.projections;

import io.rillflow.DocumentSession;
import io.rillflow.EventEnvelope;
import io.rillflow.Projection;
import io.rillflow.ProjectionContext;
import io.rillflow.internal.sql.Identifiers;
import io.rillflow.spi.DocumentMapping;
import io.rillflow.spi.ProjectionMapping;
import java.sql.Statement;

/**
 * Runs a generated {@link ProjectionMapping} as a {@link Projection}: loads the document the event
 * belongs to through the context's session (whose identity map keeps it for the rest of the batch),
 * lets the mapping make the next document, and stores it, or deletes the document when the mapping
 * returns {@code null}. Events of types without a handler are passed over.
 *
 * @param <D> the document type
 */
final class ReadModelProjection<D> implements Projection {
  private final ProjectionMapping<D> mapping;
  private final DocumentMapping<D, ?> document;

  ReadModelProjection(ProjectionMapping<D> mapping, DocumentMapping<D, ?> document) {
    this.mapping = mapping;
    this.document = document;
  }

  @Override
  public void apply(EventEnvelope<?> event, ProjectionContext context) {
    Object id = mapping.documentId(event);
    if (id == null) {
      return;
    }
    DocumentSession session = context.session();
    D current = session.load(mapping.documentType(), id).orElse(null);
    D next = mapping.apply(current, event);
    if (next != null) {
      Object nextId = document.id(next);
      if (!id.equals(nextId)) {
        // Storing it would write another document than the one the event belongs to, or, with no
        // id, make one up.
        throw new IllegalStateException("Read model " + mapping.name() + ": the handler of " + event.type()
            + " at position " + event.position() + " returned a " + mapping.documentType().getSimpleName()
            + " with id " + nextId + ", but the event belongs to the one with id " + id
            + "; set the id in the handler that creates it");
      }
      session.store(next);
    } else if (current != null) {
      session.delete(current);
    }
  }

  @Override
  public void clear(ProjectionContext context) throws Exception {
    try (Statement statement = context.connection().createStatement()) {
      // Both names were validated when the store started; quoting keeps them exact.
      statement.execute("DELETE FROM " + Identifiers.quote(context.schemaName()) + "." + Identifiers.quote(document.tableName()));
    }
  }

  @Override
  public String toString() {
    return "read model " + mapping.documentType().getName() + " (" + mapping.getClass().getName() + ")";
  }
}
