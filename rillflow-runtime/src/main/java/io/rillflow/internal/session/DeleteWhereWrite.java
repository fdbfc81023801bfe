package io.rillflow.internal.session;

import io.rillflow.internal.document.DocumentTable;
import io.rillflow.internal.query.Parameters;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A repository's derived or {@code @Query} delete called through a session: written by
 * {@code saveChanges()} in its transaction, in the order queued. Its statement returns the ids it
 * deleted, so the session can drop those documents from its identity map once the delete commits.
 *
 * @param sql the delete with {@code RETURNING id}
 */
record DeleteWhereWrite(DocumentTable<Object, Object> table, String sql, List<Object> values, List<Object> deleted)
    implements PendingWrite {

  DeleteWhereWrite(DocumentTable<Object, Object> table, String sql, List<Object> values) {
    this(table, sql, List.copyOf(values), new ArrayList<>());
  }

  @Override
  public Object id() {
    return null;
  }

  @Override
  public void bind(PreparedStatement statement) throws SQLException {
    Parameters.bind(statement, values, 1);
  }

  /** Runs the delete and remembers the ids it returned. */
  void execute(Connection connection) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      bind(statement);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          deleted.add(rows.getObject(1, table.mapping().idType()));
        }
      }
    }
  }

  @Override
  public void verify(int rows, Connection connection) {
    // Deleting nothing is no error.
  }

  @Override
  public boolean needsRowCount() {
    return false;
  }

  @Override
  public String describe() {
    return "delete of " + table.typeName() + " documents by query";
  }
}
