package io.rillflow.internal.projections;

import io.rillflow.EventEnvelope;
import io.rillflow.RillflowException;
import io.rillflow.internal.events.AppendHook;
import java.sql.Connection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs the inline projections inside the appending transaction, after its appends (and documents):
 * a projection that throws rolls the whole append back, so the read model is never behind and never
 * ahead of the events.
 */
public final class InlineProjections implements AppendHook {
  private final List<RegisteredProjection> projections;
  private final SessionOpener sessions;
  /** The event classes some projection handles; {@code null} when one may handle any (hand-written). */
  private final Set<Class<?>> wanted;

  public InlineProjections(List<RegisteredProjection> projections, SessionOpener sessions) {
    this.projections = List.copyOf(projections);
    this.sessions = sessions;
    Set<Class<?>> handled = new HashSet<>();
    boolean any = false;
    for (RegisteredProjection registered : projections) {
      if (registered.projection() instanceof ReadModelProjection<?> readModel) {
        handled.addAll(readModel.eventTypes());
      } else {
        any = true;
      }
    }
    this.wanted = any ? null : Set.copyOf(handled);
  }

  @Override
  public boolean wants(Class<?> eventClass) {
    return wanted == null || wanted.contains(eventClass);
  }

  @Override
  public void appended(Connection connection, List<EventEnvelope<?>> events) {
    for (RegisteredProjection registered : projections) {
      TransactionContext context = new TransactionContext(registered.name(), sessions.schema(), connection, sessions);
      for (EventEnvelope<?> event : events) {
        try {
          registered.projection().apply(event, context);
          ApplyTrace.record(registered.name(), event);
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
