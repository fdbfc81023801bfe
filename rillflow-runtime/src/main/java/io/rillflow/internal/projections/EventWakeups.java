package io.rillflow.internal.projections;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on {@code rillflow_events} (sent by {@link CommitNotifier} when appends commit) on a
 * connection of its own, and wakes the daemon when the payload is
 * this store's schema. When the data source does not give a pgjdbc connection, or the connection
 * fails, the daemon still polls; this only makes it faster.
 */
final class EventWakeups implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(EventWakeups.class);

  private final DataSource dataSource;
  private final String schema;
  private final Runnable wake;
  private final int waitMillis;
  private volatile boolean running = true;

  EventWakeups(DataSource dataSource, String schema, Runnable wake, int waitMillis) {
    this.dataSource = dataSource;
    this.schema = schema;
    this.wake = wake;
    this.waitMillis = waitMillis;
  }

  void stop() {
    running = false;
  }

  @Override
  public void run() {
    while (running) {
      try (Connection connection = dataSource.getConnection()) {
        PGConnection listener = connection.unwrap(PGConnection.class);
        try (Statement statement = connection.createStatement()) {
          statement.execute("LISTEN rillflow_events");
        }
        while (running) {
          PGNotification[] notifications = listener.getNotifications(waitMillis);
          if (notifications == null) {
            continue;
          }
          for (PGNotification notification : notifications) {
            if (schema.equals(notification.getParameter())) {
              wake.run();
              break;
            }
          }
        }
        try (Statement statement = connection.createStatement()) {
          statement.execute("UNLISTEN rillflow_events");
        }
      } catch (SQLException | RuntimeException e) {
        if (!running) {
          return;
        }
        LOG.warn("Projection daemon: LISTEN failed, polling only until it reconnects: {}", e.getMessage());
        try {
          Thread.sleep(waitMillis);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }
}
