package io.rillflow.internal.events;

import io.rillflow.internal.sql.TenantFilter;

/**
 * The SQL of the global order, {@code (tx_id, seq_id)}, shared by the event reads, the projections and
 * the subscriptions. Every lookup of an event by its place goes by both: a schema of uuid stream ids has
 * its primary key there and no index of {@code seq_id} alone.
 */
public final class GlobalOrder {
  /** After a checkpoint bound as two longs; xid8 has no cast from bigint, only from text. */
  public static final String AFTER_CHECKPOINT = "(tx_id, seq_id) > (CAST(CAST(? AS bigint) AS text)::xid8, ?)";

  private GlobalOrder() {}

  /**
   * The position of the last event in global order, 0 when there is none, read from the end of the
   * order's index. The last in global order rather than the highest position: a transaction with an
   * earlier ticket may hold higher positions, and a reader is caught up at the last event it read.
   *
   * @param from {@code " FROM <events relation>"}, with an alias or without
   */
  public static String head(String from, TenantFilter tenant) {
    return "SELECT coalesce((SELECT seq_id" + from + tenant.where() + " ORDER BY tx_id DESC, seq_id DESC LIMIT 1), 0)";
  }
}
