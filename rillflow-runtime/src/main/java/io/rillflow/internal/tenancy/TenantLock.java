package io.rillflow.internal.tenancy;

import io.rillflow.SchemaException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * A session-level advisory lock per tenant schema, held on a connection of its own while a tenant is
 * provisioned, migrated or dropped, so that racing threads and application instances do it one at a
 * time. Work under the lock runs on other connections (Flyway and the schema changes borrow their
 * own); if the lock's connection dies, PostgreSQL releases the lock, and the work, which is idempotent
 * step by step, is finished by the next caller.
 *
 * <p>Tried, not waited for, as the document tables' lock is: a session blocked in
 * {@code pg_advisory_lock} holds a snapshot that the holder's {@code CREATE INDEX CONCURRENTLY} would
 * wait for.
 */
final class TenantLock {
  /** How long a caller waits for another's provisioning of the same tenant. */
  private static final Duration WAIT = Duration.ofMinutes(10);

  interface Work<T> {
    T run() throws SQLException;
  }

  private TenantLock() {}

  static <T> T holding(Connection connection, String tenantId, String schema, Work<T> work) throws SQLException {
    String key = "rillflow.tenant." + schema;
    long deadline = System.nanoTime() + WAIT.toNanos();
    try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(hashtext(?))")) {
      lock.setString(1, key);
      while (true) {
        try (ResultSet taken = lock.executeQuery()) {
          if (taken.next() && taken.getBoolean(1)) {
            break;
          }
        }
        if (System.nanoTime() > deadline) {
          throw new SchemaException("Another store has been provisioning tenant \"" + tenantId + "\" for more than "
              + WAIT.toMinutes() + " minutes; not changing it beside it");
        }
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new SchemaException("Interrupted waiting for another store's provisioning of tenant \""
              + tenantId + "\"", e);
        }
      }
    }
    try {
      return work.run();
    } finally {
      try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(hashtext(?))")) {
        unlock.setString(1, key);
        unlock.execute();
      } catch (SQLException e) {
        // A lock dies with its connection: a connection that cannot unlock holds nothing any more.
        if (connection.isValid(1)) {
          throw e;
        }
      }
    }
  }
}
