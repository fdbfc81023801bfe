package io.rillflow.internal.projections;

import io.rillflow.events.EventDeserializationException;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.UnknownEventTypeException;
import io.rillflow.internal.events.DefaultEventStore;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A projection's dead letters that an operator requeued, applied again: each read by its position and
 * applied in a transaction of its own, fenced by the projection's lease, and deleted in that transaction
 * when it now succeeds; one that fails again stays a dead letter with its new error.
 */
final class RequeuedLetters {
  private static final Logger LOG = LoggerFactory.getLogger(RequeuedLetters.class);

  private final String name;
  private final DefaultEventStore events;
  private final DeadLetterRows deadLetters;
  private final LeaseHolder lease;
  private final BatchApplier applier;
  private final ProjectionMetrics metrics;

  RequeuedLetters(String name, DefaultEventStore events, DeadLetterRows deadLetters, LeaseHolder lease,
      BatchApplier applier, ProjectionMetrics metrics) {
    this.name = name;
    this.events = events;
    this.deadLetters = deadLetters;
    this.lease = lease;
    this.applier = applier;
    this.metrics = metrics;
  }

  /** Applies the requeued dead letters, each in its own fenced transaction; deletes those that now succeed. */
  long apply() {
    long done = 0;
    for (DeadLetterRows.Requeued letter : deadLetters.requeued(name)) {
      Exception error = null;
      try {
        EventEnvelope<?> event = events.readAt(letter.at());
        lease.inTransaction("apply dead letter " + letter.id(), connection -> {
          lease.fence(connection);
          if (event != null) {
            applier.applyIn(connection, List.of(event));
          }
          deadLetters.delete(connection, letter.id());
          return null;
        });
        done++;
        metrics.applied.increment();
      } catch (EventDeserializationException | UnknownEventTypeException e) {
        error = e; // still undecodable: it stays a dead letter
      } catch (BatchApplier.Failed e) {
        error = e.error();
      }
      if (error != null) {
        metrics.failures.increment();
        LOG.warn("Projection {}: requeued dead letter {} (position {}) failed again", name, letter.id(),
            letter.at().position(), error);
        deadLetters.requeueFailed(letter.id(), error);
      }
    }
    return done;
  }
}
