package io.rillflow.internal.session;

import io.rillflow.DocumentQuery;
import io.rillflow.RillflowException;
import io.rillflow.internal.document.DocumentTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import javax.sql.DataSource;

/** Every document of one type: counted, tested, or streamed from a server-side cursor. */
final class AllDocumentsQuery<T> implements DocumentQuery<T> {
  /** Rows per round trip while streaming; pgjdbc only uses a cursor with autocommit off. */
  static final int FETCH_SIZE = 500;

  private final DataSource dataSource;
  private final DocumentTable<T, Object> table;

  AllDocumentsQuery(DataSource dataSource, DocumentTable<T, Object> table) {
    this.dataSource = dataSource;
    this.table = table;
  }

  @Override
  public List<T> list() {
    try (Stream<T> documents = stream()) {
      return documents.collect(Collectors.toList());
    }
  }

  @Override
  public Stream<T> stream() {
    Connection connection = null;
    PreparedStatement statement = null;
    try {
      connection = dataSource.getConnection();
      connection.setAutoCommit(false);
      statement = connection.prepareStatement(table.selectAllSql());
      statement.setFetchSize(FETCH_SIZE);
      ResultSet rows = statement.executeQuery();
      Cursor cursor = new Cursor(connection, statement, rows);
      return StreamSupport.stream(cursor, false).onClose(cursor::close);
    } catch (SQLException e) {
      Cursor.closeQuietly(connection, statement, null);
      throw new RillflowException("Cannot query " + table.typeName() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public long count() {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(table.countSql());
        ResultSet rows = statement.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    } catch (SQLException e) {
      throw new RillflowException("Cannot count " + table.typeName() + " documents: " + e.getMessage(), e);
    }
  }

  @Override
  public boolean exists() {
    return count() > 0;
  }

  /** Reads documents off an open result set; owns the connection until closed. */
  private final class Cursor extends Spliterators.AbstractSpliterator<T> {
    private final Connection connection;
    private final PreparedStatement statement;
    private final ResultSet rows;
    private boolean closed;

    Cursor(Connection connection, PreparedStatement statement, ResultSet rows) {
      super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
      this.connection = connection;
      this.statement = statement;
      this.rows = rows;
    }

    @Override
    public boolean tryAdvance(Consumer<? super T> action) {
      if (closed) {
        return false;
      }
      try {
        if (!rows.next()) {
          close();
          return false;
        }
        action.accept(table.read(rows.getString(1)));
        return true;
      } catch (SQLException e) {
        close();
        throw new RillflowException("Cannot read the next " + table.typeName() + ": " + e.getMessage(), e);
      }
    }

    void close() {
      if (!closed) {
        closed = true;
        closeQuietly(connection, statement, rows);
      }
    }

    static void closeQuietly(Connection connection, PreparedStatement statement, ResultSet rows) {
      try (Connection c = connection; PreparedStatement s = statement; ResultSet r = rows) {
        if (c != null) {
          // Ends the read-only transaction the cursor needed before the connection goes back.
          c.rollback();
          c.setAutoCommit(true);
        }
      } catch (SQLException e) {
        // The stream is done; a failure to release is the pool's to handle (it tests connections).
      }
    }
  }
}
