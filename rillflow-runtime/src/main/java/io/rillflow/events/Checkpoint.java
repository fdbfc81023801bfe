package io.rillflow.events;

/**
 * Where a global reader stands: after the event with this {@link #transactionId() transaction id}
 * and {@link #position() position}. The global order of events is by writing transaction first,
 * then by position, because that is the order in which they become readable: a transaction that
 * started first may commit last, and positions are handed out as events are written, not as they
 * commit. Ordering by position alone would let a reader pass an event that a still-open transaction
 * commits later below the position it has read, and skip it for ever.
 *
 * <p>{@link EventStore#readAll(Checkpoint, int)} returns only events of transactions that ended
 * before every transaction still open, so no event can ever appear before a checkpoint a reader
 * has already passed: keep the checkpoint of the last event read and continue from it.
 *
 * <pre>{@code
 * Checkpoint checkpoint = Checkpoint.START;            // or the one saved last time
 * for (EventEnvelope<?> event : store.events().readAll(checkpoint, 500)) {
 *   handle(event);
 *   checkpoint = event.checkpoint();                   // save it with the handler's work
 * }
 * }</pre>
 *
 * @param transactionId the ordering ticket of the transaction that wrote the event: its id
 *     ({@code pg_current_xact_id()}), or above it when that transaction wrote before it appended (see
 *     the store's safe point in the README)
 * @param position the event's global position
 */
public record Checkpoint(long transactionId, long position) implements Comparable<Checkpoint> {
  /** Before every event. */
  public static final Checkpoint START = new Checkpoint(0, 0);

  /** Checks the parts. */
  public Checkpoint {
    if (transactionId < 0 || position < 0) {
      throw new IllegalArgumentException("A checkpoint's transaction id and position are 0 or more, but were "
          + transactionId + " and " + position);
    }
  }

  @Override
  public int compareTo(Checkpoint other) {
    int byTransaction = Long.compare(transactionId, other.transactionId);
    return byTransaction != 0 ? byTransaction : Long.compare(position, other.position);
  }
}
