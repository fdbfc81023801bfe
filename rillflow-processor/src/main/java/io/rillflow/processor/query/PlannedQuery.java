package io.rillflow.processor.query;

import io.rillflow.sql.Bind;
import java.util.List;

/**
 * A query method's SQL, fixed at compile time, as plain data: the writer turns it into constants and
 * bind calls.
 *
 * @param sql the statement; its table is written {@code {{table}}} for the store to qualify; a limit
 *     known at compile time is in it
 * @param countSql the count of all matches, for a {@code Page}; else {@code null}
 * @param binds one per placeholder, in order
 * @param slots what each bind's slot stands for: a method parameter or a literal from {@code @Query}
 * @param runtimeLimit the limit the call must add after a runtime ordering (a method with a
 *     {@code Sort} or {@code PageRequest} parameter), or -1
 */
public record PlannedQuery(String sql, String countSql, List<Bind> binds, List<Argument> slots, int runtimeLimit) {
  public PlannedQuery {
    binds = List.copyOf(binds);
    slots = List.copyOf(slots);
  }
}
