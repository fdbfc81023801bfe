package io.rillflow.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a document that events build: a projection whose {@link Apply} handlers turn each event
 * into the next state of one document. The document may follow one stream (its id is the stream
 * id, the default) or gather events of many streams: {@link Apply#id()} names the event member
 * that holds the id of the document the event belongs to.
 *
 * <pre>{@code
 * @Document
 * @ReadModel(name = "customer-totals")
 * public record CustomerTotals(String id, int orders, BigDecimal spent) {
 *   @Apply(id = "customerId")
 *   static CustomerTotals create(OrderPlaced e) { return new CustomerTotals(e.customerId(), 1, e.total()); }
 *
 *   @Apply(id = "customerId")
 *   CustomerTotals apply(OrderPlaced e) { return new CustomerTotals(id, orders + 1, spent.add(e.total())); }
 *
 *   @Apply(id = "customerId")
 *   CustomerTotals apply(CustomerForgotten e) { return null; }   // null deletes the document
 * }
 * }</pre>
 *
 * <p>The processor generates {@code CustomerTotals_Projection} (a switch on the stored event type
 * name that calls the typed handler, no reflection) and registers it with the compilation's module,
 * so every store that has the class on its class path runs it under its {@link #name()}:
 * {@link Lifecycle#ASYNC} by the projection daemon (the default), {@link Lifecycle#INLINE} in the
 * transaction of every append.
 *
 * <p>Per event type there may be one static handler (used when the document does not exist yet) and
 * one instance handler (used when it does); with only one of them, it serves both cases, a missing
 * document starting from the constructor without parameters. An instance handler that returns
 * {@code null} deletes the document. The class must also be a {@link Document}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface ReadModel {

  /**
   * The projection's name, unique in a store: the key of its checkpoint, so keep it when the code
   * changes. Default: the simple class name in kebab case ({@code CustomerTotals} →
   * {@code customer-totals}).
   */
  String name() default "";

  /** When it runs: {@link Lifecycle#ASYNC} (default) or {@link Lifecycle#INLINE}; never {@code LIVE}. */
  Lifecycle lifecycle() default Lifecycle.ASYNC;
}
