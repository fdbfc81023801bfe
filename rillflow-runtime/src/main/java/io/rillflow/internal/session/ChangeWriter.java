package io.rillflow.internal.session;

import io.rillflow.RillflowException;
import io.rillflow.UniqueConstraintException;
import io.rillflow.internal.document.UniqueIndexes;
import io.rillflow.internal.events.SessionAppends;
import io.rillflow.internal.sql.ConnectionScope;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Writes a unit of work atomically on its scope: the event appends first, then the document writes,
 * where runs of consecutive writes with the same statement go as one JDBC batch (pgjdbc sends a
 * batch in one round trip), in the order they were queued, then the inline projections. Any
 * failure rolls the whole transaction back (owned scope) or leaves the joined transaction for its
 * owner to roll back. Stateless: one per store.
 */
final class ChangeWriter {
  private final UniqueIndexes uniqueIndexes;

  ChangeWriter(UniqueIndexes uniqueIndexes) {
    this.uniqueIndexes = uniqueIndexes;
  }

  void write(ConnectionScope scope, List<PendingWrite> writes, SessionAppends appends) {
    if (writes.isEmpty() && appends.isEmpty()) {
      return;
    }
    PendingWrite[] current = {null};
    try {
      if (writes.size() == 1 && appends.isEmpty()) {
        // One statement is atomic on its own: auto-commit saves the BEGIN/COMMIT round trip. A
        // failed check (0 rows) wrote nothing, so there is nothing to roll back.
        current[0] = writes.get(0);
        scope.statement(c -> {
          execute(c, writes);
          return null;
        });
        return;
      }
      if (writes.isEmpty() && appends.oneStatement()) {
        // The same for an append alone (the store's own append does this too): one round trip.
        scope.statement(c -> {
          appends.writeTo(c);
          return null;
        });
        return;
      }
      scope.transaction(c -> {
        // Appends first: a stream that moved on fails the unit of work before any document is sent.
        appends.writeTo(c);
        int start = 0;
        while (start < writes.size()) {
          String sql = writes.get(start).sql();
          int end = start + 1;
          while (end < writes.size() && writes.get(end).sql() == sql) {
            end++;
          }
          current[0] = writes.get(start);
          execute(c, writes.subList(start, end));
          start = end;
        }
        // Last, so inline projections see the documents this unit of work wrote.
        appends.project(c);
        return null;
      });
    } catch (SQLException e) {
      UniqueConstraintException unique = uniqueIndexes.translate(e);
      if (unique != null) {
        throw unique;
      }
      throw failed(e, current[0]);
    }
  }

  private static RillflowException failed(SQLException failure, PendingWrite current) {
    if (failure instanceof BatchUpdateException e) {
      SQLException cause = e.getNextException() != null ? e.getNextException() : e;
      return new RillflowException("saveChanges() failed in a batch starting with the " + current.describe()
          + "; nothing was written: " + cause.getMessage(), cause);
    }
    return new RillflowException("saveChanges() failed at the " + (current == null ? "start" : current.describe())
        + "; nothing was written: " + failure.getMessage(), failure);
  }

  /** Runs writes that share one statement: alone, or as one batch. */
  private static void execute(Connection connection, List<PendingWrite> run) throws SQLException {
    if (MultiRowWrite.applies(run)) {
      MultiRowWrite.execute(connection, run);
      return;
    }
    if (run.get(0) instanceof DeleteWhereWrite) {
      // Each returns the ids it deleted, which a batch cannot.
      for (PendingWrite write : run) {
        ((DeleteWhereWrite) write).execute(connection);
      }
      return;
    }
    try (PreparedStatement statement = connection.prepareStatement(run.get(0).sql())) {
      if (run.size() == 1) {
        PendingWrite write = run.get(0);
        write.bind(statement);
        write.verify(statement.executeUpdate(), connection);
        return;
      }
      for (PendingWrite write : run) {
        write.bind(statement);
        statement.addBatch();
      }
      int[] counts = statement.executeBatch();
      for (int i = 0; i < counts.length; i++) {
        if (counts[i] == Statement.SUCCESS_NO_INFO) {
          PendingWrite.requireRowCount(run.get(i));
        } else {
          run.get(i).verify(counts[i], connection);
        }
      }
    }
  }
}
