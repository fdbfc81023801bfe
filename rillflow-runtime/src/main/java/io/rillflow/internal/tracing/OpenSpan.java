package io.rillflow.internal.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;

/** A started span made current; {@link #close()} ends it, then restores the context before it. */
final class OpenSpan implements TracedWork {
  private final Span span;
  private final Scope scope;

  OpenSpan(Span span) {
    this.span = span;
    this.scope = span.makeCurrent();
  }

  @Override
  public void failed(Throwable error) {
    span.recordException(error);
    span.setStatus(StatusCode.ERROR, String.valueOf(error.getMessage()));
  }

  @Override
  public void close() {
    // The scope first: closing it restores the caller's context, which must not see the span still current.
    scope.close();
    span.end();
  }
}
