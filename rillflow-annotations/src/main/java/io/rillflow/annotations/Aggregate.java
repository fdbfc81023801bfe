package io.rillflow.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an event-sourced class or record: its state is the fold of its stream's events through its
 * {@link Apply} handlers.
 *
 * <pre>{@code
 * @Aggregate(snapshotEvery = 100)
 * public record Order(UUID id, Status status, BigDecimal total) {
 *   @Apply static Order create(OrderPlaced e) { return new Order(e.orderId(), Status.PLACED, e.total()); }
 *   @Apply Order apply(OrderShipped e) { return new Order(id, Status.SHIPPED, total); }
 * }
 * }</pre>
 *
 * <p>The processor generates {@code Order_Aggregate}, a switch on the stored event type name that
 * calls the typed handler. Events of a type with no handler are skipped, unless {@link #strict()}.
 * With {@link Lifecycle#INLINE} or {@link Lifecycle#ASYNC} the class is also a document: annotate
 * it {@code @Document} as well, with its id member holding the stream id.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Aggregate {

  /**
   * Write a snapshot every this many events (when an append takes the stream past a multiple of
   * it); 0 never does. Loads start from the newest snapshot and fold only the events after it.
   */
  int snapshotEvery() default 0;

  /** Where the current state is kept besides the stream. */
  Lifecycle lifecycle() default Lifecycle.LIVE;

  /** When {@code true}, an event with no handler fails the load instead of being skipped. */
  boolean strict() default false;
}
