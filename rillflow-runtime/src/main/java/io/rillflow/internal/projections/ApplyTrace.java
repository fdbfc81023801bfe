package io.rillflow.internal.projections;

import io.rillflow.events.EventEnvelope;
import io.rillflow.Trace;

/** A projection's {@link Trace} breadcrumb, under the event's correlation id. */
final class ApplyTrace {
  private ApplyTrace() {}

  static void record(Trace trace, String projection, EventEnvelope<?> event) {
    if (trace.isEnabled() && event.metadata().correlationId() != null) {
      trace.record(event.metadata().correlationId(), "apply", "Projection " + projection,
          event.type() + " at position " + event.position());
    }
  }
}
