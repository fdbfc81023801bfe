package io.rillflow.internal.session;

import io.rillflow.internal.document.DocumentTable;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes a run of whole-document upserts or inserts to one table as ONE statement over two bound
 * arrays ({@code INSERT ... SELECT FROM unnest(?, ?)}) instead of a JDBC batch of one statement per
 * document: the server plans and executes once, and the driver sends two parameters instead of 2N.
 * Measured in {@code SaveManyBench} against the JDBC batch it replaces (see the README's figures);
 * below {@link #MIN_ROWS} rows the batch is as fast and keeps its per-row counts.
 *
 * <p>An insert learns which rows it wrote from {@code RETURNING id}: a document whose id is missing
 * from the result conflicted, and is checked as the batch would have checked it (its
 * {@link PendingWrite#verify} with 0 rows), which throws and rolls the unit of work back. Two writes
 * of one document never share a run (the session folds them into one), so {@code ON CONFLICT DO
 * UPDATE} never meets the same row twice in one statement.
 */
final class MultiRowWrite {
  /** Runs shorter than this go as a JDBC batch. */
  static final int MIN_ROWS = 16;

  private MultiRowWrite() {}

  /** Whether {@code run} (writes sharing one statement) can go as one multi-row statement. */
  static boolean applies(List<PendingWrite> run) {
    return run.size() >= MIN_ROWS
        && (run.get(0) instanceof DocumentWrite.Upsert || run.get(0) instanceof DocumentWrite.Insert);
  }

  static void execute(Connection connection, List<PendingWrite> run) throws SQLException {
    DocumentTable<Object, Object> table = run.get(0).table();
    List<Object> ids = new ArrayList<>(run.size());
    String[] data = new String[run.size()];
    for (int i = 0; i < run.size(); i++) {
      DocumentWrite write = (DocumentWrite) run.get(i);
      ids.add(write.id());
      data[i] = table.write(write.document());
    }
    boolean upsert = run.get(0) instanceof DocumentWrite.Upsert;
    try (PreparedStatement statement = connection.prepareStatement(upsert ? table.sql().upsertMany() : table.sql().insertMany())) {
      Array idArray = table.idArray(connection, ids);
      Array dataArray = connection.createArrayOf("text", data);
      statement.setArray(1, idArray);
      statement.setArray(2, dataArray);
      if (upsert) {
        statement.executeUpdate();
        return;
      }
      Set<Object> written = new HashSet<>(run.size() * 2);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          written.add(rows.getObject(1, table.mapping().idType()));
        }
      }
      if (written.size() < run.size()) {
        for (PendingWrite write : run) {
          if (!written.contains(write.id())) {
            write.verify(0, connection);
          }
        }
      }
    }
  }
}
