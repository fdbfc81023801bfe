package io.rillflow.subscriptions;

import io.rillflow.events.Checkpoint;
import java.util.Objects;

/**
 * Where a new subscription begins in the global order: at the first event, after the events already
 * stored when it is created, or after a {@link Checkpoint}. Only {@link Subscriptions#create} reads
 * it; a consumer group that joins later starts where the subscription started.
 *
 * <pre>{@code
 * SubscriptionFilter.allEvents().startAt(SubscriptionStart.now());
 * }</pre>
 */
public final class SubscriptionStart {
  private static final SubscriptionStart BEGINNING = new SubscriptionStart(Checkpoint.START, false);
  private static final SubscriptionStart NOW = new SubscriptionStart(null, true);

  private final Checkpoint after;
  private final boolean now;

  private SubscriptionStart(Checkpoint after, boolean now) {
    this.after = after;
    this.now = now;
  }

  /** Before the first event: every stored event is delivered. */
  public static SubscriptionStart beginning() {
    return BEGINNING;
  }

  /** After every event readable when the subscription is created: only what comes later is delivered. */
  public static SubscriptionStart now() {
    return NOW;
  }

  /** After {@code checkpoint} (an event's {@link io.rillflow.events.EventEnvelope#checkpoint()}). */
  public static SubscriptionStart after(Checkpoint checkpoint) {
    return new SubscriptionStart(Objects.requireNonNull(checkpoint, "checkpoint"), false);
  }

  /** Whether this is {@link #now()}: the store reads the safe point when the subscription is created. */
  public boolean isNow() {
    return now;
  }

  /** The checkpoint to start after; {@code null} for {@link #now()}. */
  public Checkpoint checkpoint() {
    return after;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SubscriptionStart that && now == that.now && Objects.equals(after, that.after);
  }

  @Override
  public int hashCode() {
    return Objects.hash(after, now);
  }

  @Override
  public String toString() {
    return now ? "now" : after.equals(Checkpoint.START) ? "beginning" : "after " + after;
  }
}
