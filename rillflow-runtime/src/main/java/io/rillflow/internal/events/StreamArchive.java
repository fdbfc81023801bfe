package io.rillflow.internal.events;

import io.rillflow.RillflowException;
import io.rillflow.internal.sql.Identifiers;
import io.rillflow.internal.sql.TenantFilter;
import io.rillflow.internal.sql.Transaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Archives a stream and brings it back: marks its row in {@code rf_streams} and moves its events
 * between {@code rf_events} and {@code rf_events_archived} (V80), a batch per transaction, keeping
 * each row as it was ({@code seq_id}, {@code tx_id}, {@code created_at}: see {@link EventTables}).
 *
 * <p><b>Archive</b> marks the stream first, in a transaction of its own: from its commit on every
 * append to the stream is refused (the append's statement checks the mark under the stream row's
 * lock, so an append in flight either commits before the mark, and its events are moved with the
 * rest, or sees the mark and writes nothing). Then batches move the newest events first, each
 * holding the stream row's lock, while the stream is still marked.
 *
 * <p><b>Unarchive</b> moves the oldest events back first, each batch under the stream row's lock and
 * only while the stream is marked, and clears the mark in the transaction of the last batch: appends
 * stay refused until every event is back, so a new event never lands beside a hole.
 *
 * <p><b>Readers.</b> A batch is one transaction: a row is in exactly one table in any snapshot, so a
 * read with the archive sees every event once, whatever moves. A read of live streams (a projection
 * catching up, a subscription, a stream read) sees, of a stream being moved, its first events and
 * none after them, never a hole: archive takes them from the end, unarchive puts them back from the
 * start. Rows keep their place in the global order, so a global reader whose checkpoint has passed
 * an event never gets it again; one still behind it when it comes back reads it then, once.
 *
 * <p><b>Cut off</b> (connection killed, process gone): the stream stays marked, its events split
 * between the tables, every one in one of them; calling {@code archiveStream} or
 * {@code unarchiveStream} again goes on from there.
 *
 * <p><b>Conjoined tenants.</b> Every statement keeps to the store's tenant ({@link TenantFilter}): a tenant
 * marks and moves only its own streams, and the archive's keys lead with the tenant as the hot table's do.
 */
final class StreamArchive {
  private final DataSource dataSource;
  private final int batchSize;
  private final ArchiveMetrics metrics;
  private final String mark;
  private final String lockMarked;
  /** Moves a batch of the stream's newest hot events (package-private for its plan test). */
  final String toArchive;
  private final String toHot;
  private final String unmark;

  StreamArchive(DataSource dataSource, String schema, int batchSize, ArchiveMetrics metrics, TenantFilter tenant,
      StreamKeys keys) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("archive batch size must be at least 1 but was " + batchSize);
    }
    this.dataSource = dataSource;
    this.batchSize = batchSize;
    this.metrics = metrics;
    EventTables tables = EventTables.of(schema);
    String streams = Identifiers.quote(schema) + "." + Identifiers.quote("rf_streams");
    String byStream = " WHERE stream_id = " + keys.param() + tenant.and();
    mark = "UPDATE " + streams + " SET archived = true, updated_at = now()" + byStream + " AND NOT archived";
    lockMarked = "SELECT 1 FROM " + streams + byStream + " AND archived FOR UPDATE";
    // Same columns in the same order in both tables: the row moves whole, whatever columns it has.
    // By the global order's key: a schema of uuid stream ids has no index of seq_id alone in rf_events.
    toArchive = "WITH moved AS (DELETE FROM " + tables.hot() + " WHERE (tx_id, seq_id) IN (SELECT tx_id, seq_id FROM "
        + tables.hot() + byStream + " ORDER BY version DESC LIMIT ?) RETURNING *)"
        + " INSERT INTO " + tables.archived() + " SELECT * FROM moved";
    // seq_id is an identity column in rf_events: the archived row brings its own back.
    toHot = "WITH moved AS (DELETE FROM " + tables.archived() + " WHERE seq_id IN (SELECT seq_id FROM "
        + tables.archived() + byStream + " ORDER BY version LIMIT ?) RETURNING *)"
        + " INSERT INTO " + tables.hot() + " OVERRIDING SYSTEM VALUE SELECT * FROM moved";
    unmark = "UPDATE " + streams + " SET archived = false, updated_at = now()" + byStream;
  }

  /**
   * Marks the stream archived (when it was not) and moves whatever of its events is still hot.
   *
   * @return whether this call marked it
   */
  boolean archive(String stream) {
    long started = System.nanoTime();
    try (Connection connection = dataSource.getConnection()) {
      boolean marked = Transaction.run(connection, c -> update(c, mark, stream) > 0);
      if (marked) {
        metrics.marked();
      }
      int moved;
      do {
        moved = Transaction.run(connection, c -> isMarked(c, stream) ? move(c, toArchive, stream) : 0);
        metrics.movedToArchive(moved);
      } while (moved == batchSize);
      return marked;
    } catch (SQLException e) {
      throw failure("archive", stream, e);
    } finally {
      metrics.moveTook(System.nanoTime() - started);
    }
  }

  /**
   * Moves the archived stream's events back and clears its mark with the last of them.
   *
   * @return whether the stream was archived and is not any more
   */
  boolean unarchive(String stream) {
    long started = System.nanoTime();
    try (Connection connection = dataSource.getConnection()) {
      Back back;
      do {
        back = Transaction.run(connection, c -> backOneBatch(c, stream));
      } while (back == Back.MORE);
      if (back == Back.DONE) {
        metrics.reactivated();
      }
      return back == Back.DONE;
    } catch (SQLException e) {
      throw failure("unarchive", stream, e);
    } finally {
      metrics.moveTook(System.nanoTime() - started);
    }
  }

  /** What one transaction of an unarchive did. */
  private enum Back { NOT_ARCHIVED, MORE, DONE }

  /** Moves one batch back and, when it was the last, clears the mark in the same transaction. */
  private Back backOneBatch(Connection connection, String stream) throws SQLException {
    if (!isMarked(connection, stream)) {
      return Back.NOT_ARCHIVED;
    }
    int moved = move(connection, toHot, stream);
    metrics.movedToHot(moved);
    if (moved == batchSize) {
      return Back.MORE;
    }
    update(connection, unmark, stream);
    return Back.DONE;
  }

  /** Locks the stream's row if it is marked archived: no append, and no other move, until this transaction ends. */
  private boolean isMarked(Connection connection, String stream) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(lockMarked)) {
      statement.setString(1, stream);
      try (ResultSet row = statement.executeQuery()) {
        return row.next();
      }
    }
  }

  private int move(Connection connection, String statementSql, String stream) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(statementSql)) {
      statement.setString(1, stream);
      statement.setInt(2, batchSize);
      return statement.executeUpdate();
    }
  }

  private static int update(Connection connection, String statementSql, String stream) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(statementSql)) {
      statement.setString(1, stream);
      return statement.executeUpdate();
    }
  }

  private static RillflowException failure(String what, String stream, SQLException e) {
    return new RillflowException("Cannot " + what + " stream " + stream + " (every event is in rf_events or"
        + " rf_events_archived; " + what + "Stream again goes on from where this stopped): " + e.getMessage(), e);
  }
}
