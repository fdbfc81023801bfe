package io.rillflow.internal.events;

import io.rillflow.events.EventEnvelope;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Work that joins the transaction of every append: inline projections. Called after the appends
 * (and, in {@code saveChanges()}, the document writes) and before the commit; an exception rolls
 * the whole transaction back.
 */
public interface AppendHook {
  /** No inline projections: wants nothing, so appends skip the hook. */
  AppendHook NONE = new AppendHook() {
    @Override
    public void appended(Connection connection, List<EventEnvelope<?>> events) {}

    @Override
    public boolean wants(Class<?> eventClass) {
      return false;
    }
  };

  /** Applies the events the transaction wrote, on its connection. */
  void appended(Connection connection, List<EventEnvelope<?>> events) throws SQLException;

  /**
   * Whether the hook needs to see events of this class. An append of none such skips the hook, and
   * so the read-back of its events and, for a lone append, the transaction around its one statement.
   */
  boolean wants(Class<?> eventClass);
}
