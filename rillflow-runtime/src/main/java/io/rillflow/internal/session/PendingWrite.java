package io.rillflow.internal.session;

import io.rillflow.ConcurrencyException;
import io.rillflow.DocumentExistsException;
import io.rillflow.DocumentNotFoundException;
import io.rillflow.internal.document.DocumentTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One queued change of a unit of work. The document is serialized when the change is written, not
 * when it is queued, so later changes to a mutable document before {@code saveChanges()} are saved.
 */
final class PendingWrite {
  enum Kind { UPSERT, INSERT, UPDATE, UPDATE_AT_VERSION, DELETE, DELETE_AT_VERSION, RESTORE, PATCH }

  private final DocumentTable<Object, Object> table;
  private final Kind kind;
  private final Object id;
  private final Object document;
  private final long expectedVersion;
  /** For INSERT: a conflict means "expected it to be new" (a concurrency failure), not "already exists". */
  private final boolean expectNew;
  /** For PATCH: its changes, turned into SQL when written. */
  private final JsonPatch patch;
  private String patchSql;

  private PendingWrite(DocumentTable<Object, Object> table, Kind kind, Object id, Object document,
      long expectedVersion, boolean expectNew, JsonPatch patch) {
    this.table = table;
    this.kind = kind;
    this.id = id;
    this.document = document;
    this.expectedVersion = expectedVersion;
    this.expectNew = expectNew;
    this.patch = patch;
  }

  private PendingWrite(DocumentTable<Object, Object> table, Kind kind, Object id, Object document,
      long expectedVersion, boolean expectNew) {
    this(table, kind, id, document, expectedVersion, expectNew, null);
  }

  static PendingWrite patch(DocumentTable<Object, Object> table, Object id, JsonPatch patch) {
    return new PendingWrite(table, Kind.PATCH, id, null, 0, false, patch);
  }

  static PendingWrite upsert(DocumentTable<Object, Object> table, Object id, Object document) {
    return new PendingWrite(table, Kind.UPSERT, id, document, 0, false);
  }

  static PendingWrite insert(DocumentTable<Object, Object> table, Object id, Object document, boolean expectNew) {
    return new PendingWrite(table, Kind.INSERT, id, document, 0, expectNew);
  }

  static PendingWrite update(DocumentTable<Object, Object> table, Object id, Object document) {
    return new PendingWrite(table, Kind.UPDATE, id, document, 0, false);
  }

  static PendingWrite updateAtVersion(DocumentTable<Object, Object> table, Object id, Object document, long expected) {
    return new PendingWrite(table, Kind.UPDATE_AT_VERSION, id, document, expected, false);
  }

  static PendingWrite delete(DocumentTable<Object, Object> table, Object id) {
    return new PendingWrite(table, Kind.DELETE, id, null, 0, false);
  }

  static PendingWrite deleteAtVersion(DocumentTable<Object, Object> table, Object id, long expected) {
    return new PendingWrite(table, Kind.DELETE_AT_VERSION, id, null, expected, false);
  }

  static PendingWrite restore(DocumentTable<Object, Object> table, Object id) {
    return new PendingWrite(table, Kind.RESTORE, id, null, 0, false);
  }

  /** The statement; the same String instance for every write of one kind to one table, so runs of them batch. */
  String sql() {
    return switch (kind) {
      case UPSERT -> table.upsertSql();
      case INSERT -> table.insertSql();
      case UPDATE -> table.updateSql();
      case UPDATE_AT_VERSION -> table.updateAtVersionSql();
      case DELETE -> table.deleteSql();
      case DELETE_AT_VERSION -> table.deleteAtVersionSql();
      case RESTORE -> table.restoreSql();
      case PATCH -> {
        if (patchSql == null) {
          patchSql = "UPDATE " + table.qualifiedName() + " SET data = " + patch.expression()
              + ", version = version + 1, updated_at = now() WHERE id = ?"
              + (table.mapping().softDelete() ? " AND deleted_at IS NULL" : "");
        }
        yield patchSql;
      }
    };
  }

  /** This write, for another instance of the same document (the later state of a record). */
  PendingWrite withDocument(Object newDocument) {
    return new PendingWrite(table, kind, id, newDocument, expectedVersion, expectNew, patch);
  }

  /** Whether this write creates the document. */
  boolean inserts() {
    return kind == Kind.INSERT;
  }

  /** Whether this write replaces the whole document (rather than deleting, restoring or patching it). */
  boolean replacesDocument() {
    return kind == Kind.UPSERT || kind == Kind.INSERT || kind == Kind.UPDATE || kind == Kind.UPDATE_AT_VERSION;
  }

  boolean concerns(Class<?> type, Object documentId) {
    return table.mapping().documentType() == type && id.equals(documentId);
  }

  void bind(PreparedStatement statement) throws SQLException {
    switch (kind) {
      case UPSERT -> {
        table.bindId(statement, 1, id);
        statement.setString(2, table.write(document));
      }
      case INSERT -> {
        table.bindId(statement, 1, id);
        statement.setString(2, table.write(document));
        if (table.versioned()) {
          statement.setLong(3, 1);
        }
      }
      case UPDATE -> {
        statement.setString(1, table.write(document));
        table.bindId(statement, 2, id);
      }
      case UPDATE_AT_VERSION -> {
        int i = 1;
        statement.setString(i++, table.write(document));
        if (table.versioned()) {
          statement.setLong(i++, expectedVersion + 1);
        }
        statement.setLong(i++, expectedVersion + 1);
        table.bindId(statement, i++, id);
        statement.setLong(i, expectedVersion);
      }
      case DELETE, RESTORE -> table.bindId(statement, 1, id);
      case DELETE_AT_VERSION -> {
        table.bindId(statement, 1, id);
        statement.setLong(2, expectedVersion);
      }
      case PATCH -> {
        int i = 1;
        for (Object parameter : patch.parameters()) {
          statement.setObject(i++, parameter);
        }
        table.bindId(statement, i, id);
      }
    }
  }

  /**
   * Checks the statement's row count; throws when the write did not happen as asked. Runs inside
   * the transaction, which the caller rolls back on any exception.
   */
  void verify(int rows, Connection connection) throws SQLException {
    if (rows > 0) {
      return;
    }
    if (rows == java.sql.Statement.SUCCESS_NO_INFO) {
      if (kind == Kind.UPSERT || kind == Kind.DELETE || kind == Kind.RESTORE) {
        return;
      }
      throw new io.rillflow.RillflowException("The JDBC driver did not report how many rows the " + describe()
          + " changed (is reWriteBatchedInserts=true set?); Rillflow needs per-row counts to detect conflicts, "
          + "so nothing was written");
    }
    switch (kind) {
      case INSERT -> {
        if (expectNew) {
          throw new ConcurrencyException(table.typeName(), id, 0, currentVersion(connection));
        }
        throw new DocumentExistsException(table.mapping().documentType(), id);
      }
      case UPDATE, PATCH -> throw new DocumentNotFoundException(table.mapping().documentType(), id);
      case UPDATE_AT_VERSION, DELETE_AT_VERSION ->
          throw new ConcurrencyException(table.typeName(), id, expectedVersion, currentVersion(connection));
      default -> {
        // An upsert always writes; deleting or restoring what is not there is not an error.
      }
    }
  }

  /** After commit: a mutable versioned document learns its new version. */
  void afterCommit() {
    if (document == null || !table.versioned()) {
      return;
    }
    if (kind == Kind.INSERT) {
      table.mapping().version(document, 1);
    } else if (kind == Kind.UPDATE_AT_VERSION) {
      table.mapping().version(document, expectedVersion + 1);
    }
  }

  String describe() {
    return kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " of " + table.typeName() + " " + id;
  }

  private long currentVersion(Connection connection) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(table.versionSql())) {
      table.bindId(query, 1, id);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next() ? rows.getLong(1) : 0;
      }
    }
  }
}
