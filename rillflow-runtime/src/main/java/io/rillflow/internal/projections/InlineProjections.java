package io.rillflow.internal.projections;

import io.rillflow.spi.RegisteredProjection;
import io.rillflow.events.EventEnvelope;
import io.rillflow.RillflowException;
import io.rillflow.internal.events.AppendHook;
import java.sql.Connection;
import java.util.List;

/**
 * Runs the inline projections inside the appending transaction, after its appends (and documents):
 * a projection that throws rolls the whole append back, so the read model is never behind and never
 * ahead of the events.
 */
public final class InlineProjections implements AppendHook {
  private final List<RegisteredProjection> projections;
  private final SessionOpener sessions;

  public InlineProjections(List<RegisteredProjection> projections, SessionOpener sessions) {
    this.projections = List.copyOf(projections);
    this.sessions = sessions;
  }

  @Override
  public boolean wants(Class<?> eventClass) {
    for (RegisteredProjection registered : projections) {
      if (registered.projection().handles(eventClass)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void appended(Connection connection, List<EventEnvelope<?>> events) {
    for (RegisteredProjection registered : projections) {
      TransactionContext context = new TransactionContext(registered.name(), sessions.schema(), connection, sessions);
      for (EventEnvelope<?> event : events) {
        if (!registered.projection().handles(event.data().getClass())) {
          continue;
        }
        try {
          registered.projection().apply(event, context);
          ApplyTrace.record(sessions.trace(), registered.name(), event);
        } catch (Exception e) {
          throw new RillflowException("Inline projection " + registered.name() + " failed on " + event.type()
              + " at position " + event.position() + " of stream " + event.streamId()
              + "; the append was rolled back: " + e.getMessage(), e);
        }
      }
      try {
        context.flush();
      } catch (RuntimeException e) {
        throw new RillflowException("Inline projection " + registered.name() + " could not write its read model; "
            + "the append was rolled back: " + e.getMessage(), e);
      }
    }
  }
}
