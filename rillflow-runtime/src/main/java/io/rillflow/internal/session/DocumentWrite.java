package io.rillflow.internal.session;

import io.rillflow.ConcurrencyException;
import io.rillflow.DocumentExistsException;
import io.rillflow.DocumentNotFoundException;
import io.rillflow.internal.document.DocumentTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * A write of a whole document: upsert, insert, update, or update at the version it was read at.
 * Each kind is a small record with its statement, bind and check.
 */
sealed interface DocumentWrite extends PendingWrite {

  Object document();

  /** This write, for another instance of the same document (the later state of a record). */
  DocumentWrite withDocument(Object newDocument);

  /** The version the row has once this write commits; 0 when the type has no version. */
  default long versionAfter() {
    return 0;
  }

  @Override
  default String describe() {
    return kind() + " of " + table().typeName() + " " + id();
  }

  String kind();

  /** Insert or replace, whatever is there: for types without a version. */
  record Upsert(DocumentTable<Object, Object> table, Object id, Object document) implements DocumentWrite {
    @Override
    public String sql() {
      return table.sql().upsert();
    }

    @Override
    public void bind(PreparedStatement statement) throws SQLException {
      table.bindId(statement, 1, id);
      statement.setString(2, table.write(document));
    }

    @Override
    public void verify(int rows, Connection connection) {
      // An upsert always writes.
    }

    @Override
    public boolean needsRowCount() {
      return false;
    }

    @Override
    public DocumentWrite withDocument(Object newDocument) {
      return new Upsert(table, id, newDocument);
    }

    @Override
    public String kind() {
      return "upsert";
    }
  }

  /**
   * A new document. {@code expectNew}: a conflict means "expected it to be new" (a concurrency
   * failure of a versioned store()), not "already exists" (an insert()).
   */
  record Insert(DocumentTable<Object, Object> table, Object id, Object document, boolean expectNew)
      implements DocumentWrite {
    @Override
    public String sql() {
      return table.sql().insert();
    }

    @Override
    public void bind(PreparedStatement statement) throws SQLException {
      table.bindId(statement, 1, id);
      statement.setString(2, table.write(document));
      if (table.versioned()) {
        statement.setLong(3, 1);
      }
    }

    @Override
    public void verify(int rows, Connection connection) throws SQLException {
      if (rows > 0) {
        return;
      }
      if (expectNew) {
        throw new ConcurrencyException(table.typeName(), id, 0, PendingWrite.currentVersion(table, id, connection));
      }
      throw new DocumentExistsException(table.mapping().documentType(), id);
    }

    @Override
    public DocumentWrite withDocument(Object newDocument) {
      return new Insert(table, id, newDocument, expectNew);
    }

    @Override
    public long versionAfter() {
      return table.versioned() ? 1 : 0;
    }

    @Override
    public String kind() {
      return "insert";
    }
  }

  /** Replaces an existing document, whatever its version. */
  record Update(DocumentTable<Object, Object> table, Object id, Object document) implements DocumentWrite {
    @Override
    public String sql() {
      return table.sql().update();
    }

    @Override
    public void bind(PreparedStatement statement) throws SQLException {
      statement.setString(1, table.write(document));
      table.bindId(statement, 2, id);
    }

    @Override
    public void verify(int rows, Connection connection) {
      if (rows == 0) {
        throw new DocumentNotFoundException(table.mapping().documentType(), id);
      }
    }

    @Override
    public DocumentWrite withDocument(Object newDocument) {
      return new Update(table, id, newDocument);
    }

    @Override
    public String kind() {
      return "update";
    }
  }

  /** Replaces a document only while it is at {@code expected}: optimistic concurrency. */
  record VersionedUpdate(DocumentTable<Object, Object> table, Object id, Object document, long expected)
      implements DocumentWrite {
    @Override
    public String sql() {
      return table.sql().updateAtVersion();
    }

    @Override
    public void bind(PreparedStatement statement) throws SQLException {
      int i = 1;
      statement.setString(i++, table.write(document));
      if (table.versioned()) {
        statement.setLong(i++, expected + 1);
      }
      statement.setLong(i++, expected + 1);
      table.bindId(statement, i++, id);
      statement.setLong(i, expected);
    }

    @Override
    public void verify(int rows, Connection connection) throws SQLException {
      if (rows == 0) {
        throw new ConcurrencyException(table.typeName(), id, expected,
            PendingWrite.currentVersion(table, id, connection));
      }
    }

    @Override
    public DocumentWrite withDocument(Object newDocument) {
      return new VersionedUpdate(table, id, newDocument, expected);
    }

    @Override
    public long versionAfter() {
      return table.versioned() ? expected + 1 : 0;
    }

    @Override
    public String kind() {
      return "update at version " + expected;
    }
  }
}
