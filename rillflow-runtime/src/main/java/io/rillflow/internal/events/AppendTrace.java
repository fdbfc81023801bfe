package io.rillflow.internal.events;

import io.rillflow.events.AppendResult;
import io.rillflow.Trace;

/** The event store's {@link Trace} breadcrumb, under the append's correlation id. */
final class AppendTrace {
  private AppendTrace() {}

  static void record(Trace trace, AppendRequest request, AppendResult result) {
    if (trace.isEnabled() && request.options().correlationId() != null) {
      trace.record(request.options().correlationId(), "append", "EventStore",
          request.events().size() + " event(s) " + request.events().stream().map(e -> e.type().name()).distinct().toList()
              + " to " + request.streamKey() + " v" + result.version());
    }
  }
}
