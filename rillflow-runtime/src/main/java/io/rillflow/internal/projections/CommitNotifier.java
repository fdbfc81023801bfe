package io.rillflow.internal.projections;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends {@code NOTIFY rillflow_events '<schema>'} after an append commits, in a statement of its own,
 * so {@link EventWakeups} of every daemon on the schema wake at once. Only stores with async
 * projections send it. Best effort: daemons poll as well, so a failure is logged, never thrown
 * at the appender, whose events are already committed.
 *
 * <p>Why not a trigger on {@code rf_events}: with a NOTIFY inside the appending transaction, global
 * readers on other connections saw commits late under concurrent load (the event store's own
 * global-read tests failed with it and pass without it).
 */
public final class CommitNotifier implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(CommitNotifier.class);
  private static final String NOTIFY = "SELECT pg_notify('rillflow_events', ?)";

  private final DataSource dataSource;
  private final String schema;

  public CommitNotifier(DataSource dataSource, String schema) {
    this.dataSource = dataSource;
    this.schema = schema;
  }

  @Override
  public void run() {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(NOTIFY)) {
      statement.setString(1, schema);
      statement.execute();
    } catch (SQLException e) {
      LOG.warn("Could not notify projection daemons of an append in schema {}; they will poll: {}", schema,
          e.getMessage());
    }
  }
}
