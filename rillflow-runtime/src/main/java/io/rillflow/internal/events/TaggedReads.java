package io.rillflow.internal.events;

import io.rillflow.RillflowException;
import io.rillflow.events.Checkpoint;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.EventQuery;
import io.rillflow.events.EventQueryResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * {@link io.rillflow.events.EventStore#query(EventQuery)}: the safe point first, in a statement of
 * its own, then the events matching the query below it (see {@link StoreSafePoint}, {@link TagStep}).
 */
final class TaggedReads {
  private final DataSource dataSource;
  private final TagSql sql;
  private final EventCatalog catalog;
  private final EnvelopeReader envelopes;
  private final StoreSafePoint safePoint;

  TaggedReads(DataSource dataSource, TagSql sql, EventCatalog catalog, EnvelopeReader envelopes,
      StoreSafePoint safePoint) {
    this.dataSource = dataSource;
    this.sql = sql;
    this.catalog = catalog;
    this.envelopes = envelopes;
    this.safePoint = safePoint;
  }

  EventQueryResult query(EventQuery query) {
    TaggedQuery resolved = TaggedQuery.of(query, catalog);
    try (Connection connection = dataSource.getConnection()) {
      long below = safePoint.read(connection);
      List<EventEnvelope<?>> events = new ArrayList<>();
      try (PreparedStatement statement = connection.prepareStatement(sql.read(resolved))) {
        resolved.bind(statement, 1, (s, i) -> {
          s.setLong(i, below);
          return i + 1;
        });
        EnvelopeReader.Read oneRead = envelopes.read();
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            EventEnvelope<?> event = oneRead.envelope(rows);
            if (event != null) {
              events.add(event);
            }
          }
        }
      }
      // "After every transaction below the safe point": no ticket lies between below - 1 and below.
      Checkpoint reached = below == 0 ? Checkpoint.START : new Checkpoint(below - 1, Long.MAX_VALUE);
      return new EventQueryResult(events, reached);
    } catch (SQLException e) {
      throw new RillflowException("Cannot read the events of " + query + ": " + e.getMessage(), e);
    }
  }
}
