package io.rillflow.internal.events;

import io.rillflow.internal.sql.Identifiers;

/**
 * Where one schema's events live, qualified once: {@code rf_events} holds the events of live streams
 * (hot), {@code rf_events_archived} those of archived streams (cold), with the same columns in the
 * same order (V80), so a row moves with {@code INSERT ... SELECT *} and the two read as one with
 * {@code UNION ALL}.
 *
 * @param hot {@code rf_events}, qualified
 * @param archived {@code rf_events_archived}, qualified
 */
record EventTables(String hot, String archived) {

  static EventTables of(String schema) {
    return new EventTables(Identifiers.quote(schema) + "." + Identifiers.quote("rf_events"),
        Identifiers.quote(schema) + "." + Identifiers.quote("rf_events_archived"));
  }

  /**
   * Both tables as one relation, for reads that take archived events in. A plain {@code UNION ALL} of
   * two {@code SELECT *}: PostgreSQL flattens it into an append of the two tables, pushes each
   * condition down into both and merges their index scans for an {@code ORDER BY ... LIMIT}. A row
   * moved while a statement runs is in exactly one of the two in that statement's snapshot.
   */
  String both() {
    return "(SELECT * FROM " + hot + " UNION ALL SELECT * FROM " + archived + ")";
  }
}
