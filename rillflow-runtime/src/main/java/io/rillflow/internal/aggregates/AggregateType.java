package io.rillflow.internal.aggregates;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.RillflowException;
import io.rillflow.aggregates.ValidatedAggregate;
import io.rillflow.annotations.Lifecycle;
import io.rillflow.internal.document.DocumentTable;
import io.rillflow.internal.events.EventCatalog;
import io.rillflow.internal.json.TypeCodec;
import io.rillflow.spi.AggregateMapping;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One aggregate type as one store runs it: the generated mapping, the names of the events it
 * handles (checked against the store's event catalog when the store starts), its Jackson reader and
 * writer for snapshots (built on first use), and its document table when it is {@code INLINE}.
 *
 * @param <A> the aggregate type
 */
final class AggregateType<A> {
  private final AggregateMapping<A> mapping;
  private final Set<String> handled;
  private final TypeCodec codec;
  /** {@code null} unless the lifecycle is INLINE. */
  private final DocumentTable<A, Object> inlineTable;
  private final boolean validated;

  AggregateType(AggregateMapping<A> mapping, EventCatalog catalog, ObjectMapper objectMapper,
      DocumentTable<A, Object> inlineTable) {
    this.mapping = mapping;
    Set<String> names = new HashSet<>();
    for (Class<?> event : mapping.eventTypes()) {
      names.add(catalog.currentName(event, "Aggregate " + mapping.aggregateType().getName()));
    }
    this.handled = Set.copyOf(names);
    this.codec = new TypeCodec(objectMapper, mapping.aggregateType());
    this.inlineTable = inlineTable;
    this.validated = ValidatedAggregate.class.isAssignableFrom(mapping.aggregateType());
  }

  AggregateMapping<A> mapping() {
    return mapping;
  }

  Class<A> type() {
    return mapping.aggregateType();
  }

  String name() {
    return mapping.aggregateType().getSimpleName();
  }

  ObjectReader reader() {
    return codec.reader();
  }

  ObjectWriter writer() {
    return codec.writer();
  }

  boolean snapshots() {
    return mapping.snapshotEvery() > 0;
  }

  DocumentTable<A, Object> inlineTable() {
    return inlineTable;
  }

  boolean validated() {
    return validated;
  }

  /** {@code state} after each of {@code events}, in order. */
  A fold(A state, List<EventEnvelope<?>> events) {
    boolean strict = mapping.strict();
    for (EventEnvelope<?> event : events) {
      if (strict && !handled.contains(event.type())) {
        throw new RillflowException(name() + " of stream " + event.streamId() + " cannot fold event " + event.type()
            + " at version " + event.version() + ": it has no @Apply handler for it and is @Aggregate(strict = true);"
            + " add a handler, or drop strict to skip events without one");
      }
      state = mapping.apply(state, event);
    }
    return state;
  }

  /** Whether a stream going from version {@code before} to {@code after} passes a multiple of snapshotEvery. */
  boolean snapshotDue(long before, long after) {
    int every = mapping.snapshotEvery();
    return every > 0 && after / every > before / every;
  }

  /**
   * Whether an append of {@code count} events expecting {@code expected} needs work after it in
   * its transaction; when the version it reaches is not known beforehand, a snapshotting aggregate
   * may need it.
   */
  boolean needsWorkAfter(ExpectedVersion expected, int count) {
    if (inlineTable != null || validated) {
      return true;
    }
    if (!snapshots()) {
      return false;
    }
    return switch (expected.kind()) {
      case NO_STREAM, EXACTLY -> snapshotDue(expected.version(), expected.version() + count);
      case ANY, STREAM_EXISTS -> true;
    };
  }

  /** Whether the stream's move from {@code before} to {@code after} needs the new state. */
  boolean needsState(long before, long after) {
    return inlineTable != null || validated || snapshotDue(before, after);
  }

  static boolean inline(AggregateMapping<?> mapping) {
    return mapping.lifecycle() == Lifecycle.INLINE;
  }
}
