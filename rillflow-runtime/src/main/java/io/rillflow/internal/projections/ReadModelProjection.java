package io.rillflow.internal.projections;

import io.rillflow.DocumentSession;
import io.rillflow.events.EventEnvelope;
import io.rillflow.projections.Projection;
import io.rillflow.projections.ProjectionContext;
import io.rillflow.internal.sql.Identifiers;
import io.rillflow.spi.DocumentMapping;
import io.rillflow.spi.ProjectionMapping;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a generated {@link ProjectionMapping} as a {@link Projection}: finds the document each event
 * belongs to, lets the mapping make the next document, and stores it, or deletes the document when
 * the mapping returns {@code null}, through the context's session. Events of types without a
 * handler are passed over.
 *
 * @param <D> the document type
 */
final class ReadModelProjection<D> implements Projection {
  private final ProjectionMapping<D> mapping;
  private final DocumentMapping<D, ?> document;
  private final Set<Class<?>> handled;

  ReadModelProjection(ProjectionMapping<D> mapping, DocumentMapping<D, ?> document) {
    this.mapping = mapping;
    this.document = document;
    this.handled = Set.copyOf(mapping.eventTypes());
  }

  /** Only the event classes the read model has handlers for: others never change it. */
  @Override
  public boolean handles(Class<?> eventClass) {
    return handled.contains(eventClass);
  }

  @Override
  public void apply(EventEnvelope<?> event, ProjectionContext context) {
    applyBatch(List.of(event), context);
  }

  /**
   * Loads every document the batch touches in one query, applies the events to them in memory in
   * order, then stores each changed document once (or deletes it): a document that many events of
   * the batch change costs one read and one write, not one of each per event.
   */
  @Override
  public void applyBatch(List<EventEnvelope<?>> events, ProjectionContext context) {
    List<List<?>> ids = new ArrayList<>(events.size());
    Set<Object> wanted = new LinkedHashSet<>();
    for (EventEnvelope<?> event : events) {
      List<?> of = mapping.documentIds(event);
      ids.add(of);
      wanted.addAll(of);
    }
    if (wanted.isEmpty()) {
      return;
    }
    DocumentSession session = context.session();
    Map<Object, D> documents = new HashMap<>();
    for (D loaded : session.loadMany(mapping.documentType(), wanted)) {
      documents.put(document.id(loaded), loaded);
    }
    Set<Object> stored = new HashSet<>(documents.keySet());
    Map<Object, D> changed = new LinkedHashMap<>();
    for (int i = 0; i < events.size(); i++) {
      for (Object id : ids.get(i)) {
        D next = mapping.apply(documents.get(id), id, events.get(i));
        checkId(id, next, events.get(i));
        documents.put(id, next);
        changed.put(id, next);
      }
    }
    changed.forEach((id, next) -> {
      if (next != null) {
        session.store(next);
      } else if (stored.contains(id)) {
        session.deleteById(mapping.documentType(), id);
      }
    });
  }

  /** Storing a document of another id would write another document than the event's, or make one up. */
  private void checkId(Object id, D next, EventEnvelope<?> event) {
    if (next == null) {
      return;
    }
    Object nextId = document.id(next);
    if (!id.equals(nextId)) {
      throw new IllegalStateException("Read model " + mapping.name() + ": the handler of " + event.type()
          + " at position " + event.position() + " returned a " + mapping.documentType().getSimpleName()
          + " with id " + nextId + ", but the event belongs to the one with id " + id
          + "; set the id in the handler that creates it");
    }
  }

  @Override
  public void clear(ProjectionContext context) throws Exception {
    try (Statement statement = context.connection().createStatement()) {
      // Both names were validated when the store started; quoting keeps them exact.
      statement.execute("DELETE FROM " + Identifiers.quote(context.schemaName()) + "."
          + Identifiers.quote(document.tableName()));
    }
  }

  @Override
  public String toString() {
    return "read model " + mapping.documentType().getName() + " (" + mapping.getClass().getName() + ")";
  }
}
