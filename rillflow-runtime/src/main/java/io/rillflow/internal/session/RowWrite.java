package io.rillflow.internal.session;

import io.rillflow.ConcurrencyException;
import io.rillflow.DocumentNotFoundException;
import io.rillflow.internal.document.DocumentTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** A change to one document's row that does not send the whole document: delete, restore, patch. */
sealed interface RowWrite extends PendingWrite {

  String kind();

  @Override
  default String describe() {
    return kind() + " of " + table().typeName() + " " + id();
  }

  /** Deletes (or marks deleted) whatever version is there; deleting what is not there is no error. */
  record Delete(DocumentTable<Object, Object> table, Object id) implements RowWrite {
    @Override
    public String sql() {
      return table.sql().delete();
    }

    @Override
    public void bind(PreparedStatement statement) throws SQLException {
      table.bindId(statement, 1, id);
    }

    @Override
    public void verify(int rows, Connection connection) {}

    @Override
    public boolean needsRowCount() {
      return false;
    }

    @Override
    public String kind() {
      return "delete";
    }
  }

  /** Deletes a document only while it is at {@code expected}. */
  record VersionedDelete(DocumentTable<Object, Object> table, Object id, long expected) implements RowWrite {
    @Override
    public String sql() {
      return table.sql().deleteAtVersion();
    }

    @Override
    public void bind(PreparedStatement statement) throws SQLException {
      table.bindId(statement, 1, id);
      statement.setLong(2, expected);
    }

    @Override
    public void verify(int rows, Connection connection) throws SQLException {
      if (rows == 0) {
        throw new ConcurrencyException(table.typeName(), id, expected,
            PendingWrite.currentVersion(table, id, connection));
      }
    }

    @Override
    public String kind() {
      return "delete at version " + expected;
    }
  }

  /** Clears a soft delete; restoring what is not deleted is no error. */
  record Restore(DocumentTable<Object, Object> table, Object id) implements RowWrite {
    @Override
    public String sql() {
      return table.sql().restore();
    }

    @Override
    public void bind(PreparedStatement statement) throws SQLException {
      table.bindId(statement, 1, id);
    }

    @Override
    public void verify(int rows, Connection connection) {}

    @Override
    public boolean needsRowCount() {
      return false;
    }

    @Override
    public String kind() {
      return "restore";
    }
  }

  /**
   * Changes parts of a document in the database, without loading it. Its statement depends on the
   * patch's changes, so it is built when written (once) and never batched with another patch.
   */
  final class Patch implements RowWrite {
    private final DocumentTable<Object, Object> table;
    private final Object id;
    private final JsonPatch<?> patch;
    private String sql;

    Patch(DocumentTable<Object, Object> table, Object id, JsonPatch<?> patch) {
      this.table = table;
      this.id = id;
      this.patch = patch;
    }

    @Override
    public DocumentTable<Object, Object> table() {
      return table;
    }

    @Override
    public Object id() {
      return id;
    }

    /** Whether the patch holds no change. */
    boolean isEmpty() {
      return patch.isEmpty();
    }

    @Override
    public String sql() {
      if (sql == null) {
        sql = "UPDATE " + table.qualifiedName() + " SET data = " + patch.expression()
            + ", version = version + 1, updated_at = now() WHERE id = ?" + table.tenant().and()
            + (table.mapping().softDelete() ? " AND deleted_at IS NULL" : "");
      }
      return sql;
    }

    @Override
    public void bind(PreparedStatement statement) throws SQLException {
      int i = 1;
      for (Object parameter : patch.parameters()) {
        statement.setObject(i++, parameter);
      }
      table.bindId(statement, i, id);
    }

    @Override
    public void verify(int rows, Connection connection) {
      if (rows == 0) {
        throw new DocumentNotFoundException(table.mapping().documentType(), id);
      }
    }

    @Override
    public String kind() {
      return "patch";
    }
  }
}
