package io.rillflow.internal.projections;

import io.rillflow.spi.RegisteredProjection;
import io.rillflow.events.EventEnvelope;
import java.sql.Connection;
import java.util.List;

/**
 * Applies events to one projection in one fenced transaction: the checkpoint write first (it checks
 * the epoch and locks the row, see {@link ProjectionSql}), then the projection (event by event, or
 * its own {@link io.rillflow.projections.Projection#applyBatch}), then the writes of the session joined to the
 * transaction, then commit. Holds no state of its own.
 */
final class BatchApplier {
  private final RegisteredProjection registered;
  private final SessionOpener sessions;
  private final LeaseHolder lease;

  BatchApplier(RegisteredProjection registered, SessionOpener sessions, LeaseHolder lease) {
    this.registered = registered;
    this.sessions = sessions;
    this.lease = lease;
  }

  /**
   * One transaction: checkpoint (fenced) past the batch, the projection's work, the session's writes;
   * commits and returns {@code null}, or rolls back and returns what failed.
   *
   * @throws LeaseLostException when the lease was lost (nothing committed)
   */
  Failed apply(List<EventEnvelope<?>> batch) {
    try {
      lease.inTransaction("apply a batch", connection -> {
        lease.checkpoint(connection, batch.get(batch.size() - 1).checkpoint());
        applyIn(connection, batch);
        return null;
      });
    } catch (Failed e) {
      return e;
    }
    batch.forEach(event -> ApplyTrace.record(sessions.trace(), registered.name(), event));
    return null;
  }

  /**
   * Runs the projection on {@code batch} in the connection's transaction, and the session's writes;
   * what fails comes out as {@link Failed}.
   */
  void applyIn(Connection connection, List<EventEnvelope<?>> batch) {
    TransactionContext context = new TransactionContext(registered.name(), sessions.schema(), connection, sessions);
    if (registered.batchWise()) {
      List<EventEnvelope<?>> handled = batch.stream().filter(this::handles).toList();
      try {
        if (!handled.isEmpty()) {
          registered.projection().applyBatch(handled, context);
        }
      } catch (Exception e) {
        throw new Failed(-1, e);
      }
    } else {
      for (int i = 0; i < batch.size(); i++) {
        if (!handles(batch.get(i))) {
          continue;
        }
        try {
          registered.projection().apply(batch.get(i), context);
        } catch (Exception e) {
          throw new Failed(i, e);
        }
      }
    }
    try {
      context.flush();
    } catch (RuntimeException e) {
      throw new Failed(-1, e);
    }
  }

  /** Whether the projection may need the event: one it certainly ignores only moves the checkpoint. */
  private boolean handles(EventEnvelope<?> event) {
    return registered.projection().handles(event.data().getClass());
  }

  /**
   * What the projection threw, carried out of its transaction so that the transaction rolls back.
   * {@code index} is the failing event's place in the batch, {@code -1} when not known.
   */
  static final class Failed extends RuntimeException {
    final int index;

    Failed(int index, Exception cause) {
      super(cause);
      this.index = index;
    }

    Exception error() {
      return (Exception) getCause();
    }
  }
}
