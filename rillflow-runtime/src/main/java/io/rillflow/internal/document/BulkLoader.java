package io.rillflow.internal.document;

import io.rillflow.BulkMode;
import io.rillflow.RillflowException;
import io.rillflow.UniqueConstraintException;
import io.rillflow.internal.sql.Identifiers;
import io.rillflow.internal.sql.TenantFilter;
import io.rillflow.internal.sql.Transaction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Loads documents with {@code COPY ... FROM STDIN} in PostgreSQL's text format, in one transaction.
 * {@link BulkMode#INSERT_ONLY} copies straight into the table; the other modes, and versioned types
 * (whose JSON must carry the version), copy into a temporary table first and move the rows with one
 * {@code INSERT ... SELECT ... ON CONFLICT}.
 */
public final class BulkLoader {
  private static final int FLUSH_BYTES = 1 << 16;

  private final DataSource dataSource;
  private final UniqueIndexes uniqueIndexes;

  public BulkLoader(DataSource dataSource, UniqueIndexes uniqueIndexes) {
    this.dataSource = dataSource;
    this.uniqueIndexes = uniqueIndexes;
  }

  /**
   * Loads {@code documents} into their type's table among {@code tables}. One load is one type's:
   * a {@code null} or a document of another class is refused before anything is written.
   */
  public <T> long loadOneType(DocumentTables tables, Collection<T> documents, BulkMode mode) {
    if (documents.isEmpty()) {
      return 0;
    }
    Class<?> type = null;
    for (T document : documents) {
      if (document == null || type != null && document.getClass() != type) {
        throw new IllegalArgumentException("bulkInsert takes documents of one type: found "
            + (document == null ? "null" : document.getClass().getName())
            + (type == null ? "" : " among " + type.getName()));
      }
      type = document.getClass();
    }
    @SuppressWarnings("unchecked")
    Class<T> one = (Class<T>) type;
    return load(tables.of(one), documents, mode);
  }

  public <T> long load(DocumentTable<T, Object> table, Collection<? extends T> documents, BulkMode mode) {
    if (documents.isEmpty()) {
      return 0;
    }
    boolean direct = mode == BulkMode.INSERT_ONLY && !table.versioned();
    String staging = Identifiers.quote("rf_bulk_" + table.mapping().tableName().replaceAll("^(.{0,50}).*$", "$1"));
    try (Connection connection = dataSource.getConnection()) {
      long written = Transaction.run(connection, c -> {
        if (direct) {
          return copy(c, "COPY " + table.qualifiedName() + " (" + table.tenant().column() + "id, data) FROM STDIN",
              table, table.tenant().copyText(), documents);
        }
        try (Statement statement = c.createStatement()) {
          statement.execute("CREATE TEMPORARY TABLE " + staging + " (ord bigint GENERATED ALWAYS AS IDENTITY, id "
              + IdColumns.sqlType(table.mapping().idType()) + ", data jsonb) ON COMMIT DROP");
        }
        copy(c, "COPY " + staging + " (id, data) FROM STDIN", table, null, documents);
        try (Statement statement = c.createStatement()) {
          return (long) statement.executeUpdate(moveSql(table, staging, mode));
        }
      });
      if (mode == BulkMode.INSERT_ONLY && table.versioned()) {
        // Every document was inserted at version 1; mutable ones can say so (records keep theirs).
        documents.forEach(document -> table.mapping().withVersion(document, 1));
      }
      return written;
    } catch (SQLException e) {
      UniqueConstraintException unique = uniqueIndexes.translate(e);
      if (unique != null) {
        throw unique;
      }
      throw failed(documents, table, e);
    } catch (IOException e) {
      throw failed(documents, table, e);
    }
  }

  private static RillflowException failed(Collection<?> documents, DocumentTable<?, ?> table, Exception e) {
    return new RillflowException("bulkInsert of " + documents.size() + " " + table.typeName()
        + " documents failed; nothing was written: " + e.getMessage(), e);
  }

  private static String moveSql(DocumentTable<?, ?> table, String staging, BulkMode mode) {
    String versionProperty = table.mapping().versionProperty();
    TenantFilter tenant = table.tenant();
    String data = table.versioned() ? "jsonb_set(data, '{" + versionProperty + "}', '1')" : "data";
    String source = mode == BulkMode.OVERWRITE
        // ON CONFLICT DO UPDATE may not touch one row twice: keep the last document per id.
        ? "SELECT DISTINCT ON (id) " + tenant.value() + "id, " + data + ", 1 FROM " + staging + " ORDER BY id, ord DESC"
        : "SELECT " + tenant.value() + "id, " + data + ", 1 FROM " + staging + " ORDER BY ord";
    String insert = "INSERT INTO " + table.qualifiedName() + " AS d (" + tenant.column() + "id, data, version) " + source;
    String conflict = " ON CONFLICT (" + tenant.column() + "id)";
    return switch (mode) {
      case INSERT_ONLY -> insert;
      case IGNORE_DUPLICATES -> insert + conflict + " DO NOTHING";
      case OVERWRITE -> insert + conflict + " DO UPDATE SET data = "
          + (table.versioned() ? "jsonb_set(excluded.data, '{" + versionProperty + "}', to_jsonb(d.version + 1))" : "excluded.data")
          + ", version = d.version + 1, updated_at = now()"
          + (table.mapping().softDelete() ? ", deleted_at = NULL" : "");
    };
  }

  /** @param tenant the tenant field leading every row (the COPY names its column first), or {@code null} for none */
  private static <T> long copy(Connection connection, String sql, DocumentTable<T, Object> table, byte[] tenant,
      Collection<? extends T> documents) throws SQLException, IOException {
    CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
    try {
      CopyRows rows = new CopyRows(FLUSH_BYTES * 2);
      for (T document : documents) {
        Object id = table.idOf(document);
        if (tenant != null && tenant.length > 0) {
          rows.text(tenant);
          rows.tab();
        }
        rows.text(id.toString().getBytes(StandardCharsets.UTF_8));
        rows.tab();
        rows.text(table.writeBytes(document));
        rows.newline();
        if (rows.size() >= FLUSH_BYTES) {
          copy.writeToCopy(rows.buffer(), 0, rows.size());
          rows.clear();
        }
      }
      if (rows.size() > 0) {
        copy.writeToCopy(rows.buffer(), 0, rows.size());
      }
      return copy.endCopy();
    } finally {
      if (copy.isActive()) {
        copy.cancelCopy();
      }
    }
  }

  /**
   * A growing byte buffer of rows in COPY's text format. Escaping works byte by byte on UTF-8: the
   * four bytes it escapes never occur inside a multi-byte character.
   */
  private static final class CopyRows {
    private byte[] buffer;
    private int size;

    CopyRows(int capacity) {
      buffer = new byte[capacity];
    }

    void text(byte[] value) {
      ensure(value.length * 2);
      for (byte b : value) {
        switch (b) {
          case '\\' -> put2('\\', '\\');
          case '\n' -> put2('\\', 'n');
          case '\r' -> put2('\\', 'r');
          case '\t' -> put2('\\', 't');
          default -> buffer[size++] = b;
        }
      }
    }

    void tab() {
      ensure(1);
      buffer[size++] = '\t';
    }

    void newline() {
      ensure(1);
      buffer[size++] = '\n';
    }

    private void put2(char a, char b) {
      buffer[size++] = (byte) a;
      buffer[size++] = (byte) b;
    }

    private void ensure(int more) {
      if (size + more > buffer.length) {
        buffer = java.util.Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
      }
    }

    byte[] buffer() {
      return buffer;
    }

    int size() {
      return size;
    }

    void clear() {
      size = 0;
    }
  }
}
