package io.rillflow.projections;

import io.rillflow.DocumentSession;
import io.rillflow.events.EventEnvelope;
import java.sql.Connection;
import java.util.Optional;

/**
 * What a {@link Projection} writes its read model through: the transaction that applies the event
 * (and, for an async projection, commits its checkpoint; for an inline one, the append).
 *
 * <pre>{@code
 * public void apply(EventEnvelope<?> event, ProjectionContext context) {
 *   OrderTotal total = context.session().load(OrderTotal.class, event.streamId()).orElseGet(OrderTotal::new);
 *   total.add(event);
 *   context.session().store(total);                 // written before the checkpoint, same transaction
 * }
 * }</pre>
 */
public interface ProjectionContext {

  /** The projection's registered name. */
  String projectionName();

  /** The store's schema, to qualify table names in raw SQL. */
  String schemaName();

  /**
   * The tenant whose events these are, empty for a store without tenancy. A read model written with raw
   * SQL into a table every conjoined tenant shares keys its rows by it (sessions do so themselves).
   */
  Optional<String> tenantId();

  /**
   * A session on the projection's transaction, with an identity map for the batch: loads see what
   * earlier events of the batch stored; changes are saved before the transaction commits (calling
   * {@code saveChanges()} yourself is allowed and writes them earlier, still in the transaction).
   */
  DocumentSession session();

  /**
   * The transaction's connection, for raw SQL. Do not commit, roll back or close it: the caller
   * owns the transaction.
   */
  Connection connection();
}
