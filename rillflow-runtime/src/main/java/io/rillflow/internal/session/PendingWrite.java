package io.rillflow.internal.session;

import io.rillflow.RillflowException;
import io.rillflow.internal.document.DocumentTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One queued change of a unit of work: its statement, how it binds its values and how it checks the
 * row count. Documents are serialized when the change is written, not when it is queued, so later
 * changes to a mutable document before {@code saveChanges()} are saved.
 *
 * <p>{@link #sql()} returns the same String instance for every write of one kind to one table, so
 * {@link ChangeWriter} can send runs of them as one JDBC batch by comparing references.
 */
sealed interface PendingWrite
    permits DocumentWrite, RowWrite, DeleteWhereWrite {

  /** The table written. */
  DocumentTable<Object, Object> table();

  /** The id of the one document written; {@code null} when a query chooses the documents. */
  Object id();

  String sql();

  void bind(PreparedStatement statement) throws SQLException;

  /**
   * Checks the statement's row count (never {@link Statement#SUCCESS_NO_INFO}, which
   * {@link ChangeWriter} refuses first); throws when the write did not happen as asked. Runs inside
   * the transaction, which the caller rolls back on any exception.
   */
  void verify(int rows, Connection connection) throws SQLException;

  /** What this write does, for messages: "update at version of Customer 42". */
  String describe();

  /** Whether a write needs the driver's row count to detect a conflict. */
  default boolean needsRowCount() {
    return true;
  }

  /** The version the document has in the database now, 0 when there is none. */
  static long currentVersion(DocumentTable<Object, Object> table, Object id, Connection connection)
      throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(table.sql().version())) {
      table.bindId(query, 1, id);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next() ? rows.getLong(1) : 0;
      }
    }
  }

  /** Refuses a batch whose driver did not count rows per statement: conflicts would go unseen. */
  static void requireRowCount(PendingWrite write) {
    if (write.needsRowCount()) {
      throw new RillflowException("The JDBC driver did not report how many rows the " + write.describe()
          + " changed (is reWriteBatchedInserts=true set?); Rillflow needs per-row counts to detect conflicts, "
          + "so nothing was written");
    }
  }
}
