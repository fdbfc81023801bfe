package io.rillflow.internal.sql;

import io.rillflow.RillflowException;
import java.lang.ref.Cleaner;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams rows of a query through a server-side cursor: pgjdbc fetches {@link #FETCH_SIZE} rows per
 * round trip, but only with autocommit off, so on an owned scope the stream holds a connection and a
 * read-only transaction until it is closed or read to the end; on a joined scope it reads in the
 * joined transaction and leaves it open.
 *
 * <p>A stream dropped unclosed and unfinished ({@code findFirst()} without try-with-resources) would
 * keep its pooled connection forever. Each stream's connection is therefore registered with a
 * {@link Cleaner}: once the stream is unreachable the garbage collector lets the cleaner release the
 * connection and log, once, where the stream was opened. The hazard is timing: release waits for a
 * collection, so a pool can still run dry first; the log names the code to fix. The place is kept as
 * a stack trace taken when the stream opens, a cost small beside the query's own round trip.
 */
public final class JdbcCursor {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcCursor.class);
  private static final Cleaner CLEANER = Cleaner.create();

  /** Rows per round trip. */
  public static final int FETCH_SIZE = 500;

  /** Reads one value from the current row; {@code null} leaves the row out. */
  @FunctionalInterface
  public interface RowReader<T> {
    T read(ResultSet row) throws SQLException;
  }

  /** Sets a statement's parameters. */
  @FunctionalInterface
  public interface Binder {
    void bind(PreparedStatement statement) throws SQLException;
  }

  private JdbcCursor() {}

  /**
   * Reads at most {@code maxRows} rows (0: all) into a list, in auto-commit: one round trip, no
   * transaction to end. For single results and lists; {@link #stream} is for results too large to hold.
   */
  public static <T> List<T> list(ConnectionScope scope, String sql, Binder binder, RowReader<T> reader, int maxRows,
      String what) {
    try {
      return scope.statement(connection -> list(connection, sql, binder, reader, maxRows));
    } catch (SQLException e) {
      throw new RillflowException("Cannot query " + what + ": " + e.getMessage(), e);
    }
  }

  /** As {@link #list(ConnectionScope, String, Binder, RowReader, int, String)}, on a connection the caller holds. */
  public static <T> List<T> list(Connection connection, String sql, Binder binder, RowReader<T> reader, int maxRows)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      if (maxRows > 0) {
        // The server stops after this many rows, however many match.
        statement.setMaxRows(maxRows);
      }
      binder.bind(statement);
      try (ResultSet rows = statement.executeQuery()) {
        List<T> results = new ArrayList<>();
        while (rows.next()) {
          T value = reader.read(rows);
          if (value != null) {
            results.add(value);
          }
        }
        return results;
      }
    }
  }

  public static <T> Stream<T> stream(ConnectionScope scope, String sql, Binder binder, RowReader<T> reader,
      String what) {
    Connection connection = null;
    PreparedStatement statement = null;
    try {
      connection = scope.openCursor();
      statement = connection.prepareStatement(sql);
      statement.setFetchSize(FETCH_SIZE);
      binder.bind(statement);
      ResultSet rows = statement.executeQuery();
      Rows<T> cursor = new Rows<>(new Resources(scope, connection, statement, rows, what), reader, what);
      return StreamSupport.stream(cursor, false).onClose(cursor::close);
    } catch (SQLException | RuntimeException e) {
      release(scope, connection, statement, null);
      if (e instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new RillflowException("Cannot query " + what + ": " + e.getMessage(), e);
    }
  }

  private static void release(ConnectionScope scope, Connection connection, PreparedStatement statement,
      ResultSet rows) {
    try (PreparedStatement s = statement; ResultSet r = rows) {
      // Statement and rows first: the scope may hand the connection back to a pool.
    } catch (SQLException e) {
      // Nothing to do: the connection's release below cleans up what the driver holds.
    }
    try {
      if (connection != null) {
        scope.closeCursor(connection);
      }
    } catch (SQLException e) {
      // The stream is done; a failure to release is the pool's to handle (it tests connections).
    }
  }

  /**
   * What a stream holds open, apart from the stream itself: the cleaner's action may not reach the
   * stream, or the stream would never become unreachable.
   */
  private static final class Resources implements Runnable {
    private final ConnectionScope scope;
    private final Connection connection;
    private final PreparedStatement statement;
    private final ResultSet rows;
    private final String what;
    private final Throwable opened;
    private volatile boolean closedByOwner;

    Resources(ConnectionScope scope, Connection connection, PreparedStatement statement, ResultSet rows, String what) {
      this.scope = scope;
      this.connection = connection;
      this.statement = statement;
      this.rows = rows;
      this.what = what;
      this.opened = new Throwable("The stream was opened here");
    }

    /** Runs once: when the stream closes or ends, or when the collector finds it dropped. */
    @Override
    public void run() {
      if (!closedByOwner) {
        LOG.warn("A stream of {} was dropped without close() before its end; its connection is released now."
            + " Close streams with try-with-resources", what, opened);
      }
      release(scope, connection, statement, rows);
    }
  }

  private static final class Rows<T> extends Spliterators.AbstractSpliterator<T> {
    private final Resources resources;
    private final Cleaner.Cleanable cleanable;
    private final ResultSet rows;
    private final RowReader<T> reader;
    private final String what;
    private boolean closed;

    Rows(Resources resources, RowReader<T> reader, String what) {
      super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
      this.resources = resources;
      this.cleanable = CLEANER.register(this, resources);
      this.rows = resources.rows;
      this.reader = reader;
      this.what = what;
    }

    @Override
    public boolean tryAdvance(Consumer<? super T> action) {
      if (closed) {
        return false;
      }
      try {
        while (rows.next()) {
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
        throw new RillflowException("Cannot read the next " + what + ": " + e.getMessage(), e);
      } catch (RuntimeException e) {
        close();
        throw e;
      }
    }

    void close() {
      if (!closed) {
        closed = true;
        resources.closedByOwner = true;
        cleanable.clean();
      }
    }
  }
}
