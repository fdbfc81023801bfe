package io.rillflow.internal.events;

import io.rillflow.RillflowException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import javax.sql.DataSource;

/**
 * A {@link Stream} over a server-side cursor: pgjdbc fetches {@value #FETCH_SIZE} rows per round
 * trip (it only uses a cursor with autocommit off, so the stream holds a read-only transaction and
 * its connection until it is closed or read to the end).
 *
 * @param <T> what each row becomes
 */
final class RowCursor<T> extends Spliterators.AbstractSpliterator<T> {
  static final int FETCH_SIZE = 500;

  /** Binds a statement's parameters. */
  interface Binder {
    void bind(PreparedStatement statement) throws SQLException;
  }

  /** Reads one row; {@code null} leaves the row out. */
  interface RowReader<T> {
    T read(ResultSet row) throws SQLException;
  }

  private final Connection connection;
  private final PreparedStatement statement;
  private final ResultSet rows;
  private final RowReader<T> reader;
  private final String what;
  private boolean closed;

  private RowCursor(Connection connection, PreparedStatement statement, ResultSet rows, RowReader<T> reader, String what) {
    super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
    this.connection = connection;
    this.statement = statement;
    this.rows = rows;
    this.reader = reader;
    this.what = what;
  }

  /** Runs {@code sql} and streams its rows; {@code what} names them in failures ("events of stream x"). */
  static <T> Stream<T> open(DataSource dataSource, String sql, Binder binder, RowReader<T> reader, String what) {
    Connection connection = null;
    PreparedStatement statement = null;
    try {
      connection = dataSource.getConnection();
      connection.setAutoCommit(false);
      statement = connection.prepareStatement(sql);
      statement.setFetchSize(FETCH_SIZE);
      binder.bind(statement);
      ResultSet rows = statement.executeQuery();
      RowCursor<T> cursor = new RowCursor<>(connection, statement, rows, reader, what);
      return StreamSupport.stream(cursor, false).onClose(cursor::close);
    } catch (SQLException e) {
      release(connection, statement, null);
      throw new RillflowException("Cannot read " + what + ": " + e.getMessage(), e);
    }
  }

  @Override
  public boolean tryAdvance(Consumer<? super T> action) {
    try {
      while (!closed && rows.next()) {
        T value = reader.read(rows);
        if (value != null) {
          action.accept(value);
          return true;
        }
      }
      close();
      return false;
    } catch (SQLException e) {
      close();
      throw new RillflowException("Cannot read " + what + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  void close() {
    if (!closed) {
      closed = true;
      release(connection, statement, rows);
    }
  }

  private static void release(Connection connection, PreparedStatement statement, ResultSet rows) {
    closeQuietly(rows);
    closeQuietly(statement);
    if (connection != null) {
      try {
        // Ends the read-only transaction the cursor needed before the connection goes back.
        connection.rollback();
        connection.setAutoCommit(true);
      } catch (SQLException e) {
        // The stream is done; a connection that cannot be reset is the pool's to test and evict.
      }
      closeQuietly(connection);
    }
  }

  private static void closeQuietly(AutoCloseable resource) {
    if (resource != null) {
      try {
        resource.close();
      } catch (Exception e) {
        // As above: nothing the reader can do about it.
      }
    }
  }
}
