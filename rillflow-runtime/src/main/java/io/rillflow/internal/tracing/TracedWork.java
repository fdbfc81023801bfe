package io.rillflow.internal.tracing;

/**
 * A span open around one piece of work, current on this thread until {@link #close()}. Used with
 * try-with-resources; {@link #NONE} when tracing is off, so the off path allocates nothing.
 */
public interface TracedWork extends AutoCloseable {
  /** No span. */
  TracedWork NONE = new TracedWork() {
    @Override
    public void failed(Throwable error) {}

    @Override
    public void close() {}
  };

  /** Marks the span failed with {@code error} (recorded as an exception event). */
  void failed(Throwable error);

  /** Ends the span and restores the context that was current before it. */
  @Override
  void close();
}
