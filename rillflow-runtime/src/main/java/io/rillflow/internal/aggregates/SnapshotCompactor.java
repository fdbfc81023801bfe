package io.rillflow.internal.aggregates;

import io.rillflow.RillflowException;
import io.rillflow.aggregates.SnapshotCompaction;
import io.rillflow.internal.sql.ConnectionScope;
import io.rillflow.internal.sql.Identifiers;
import io.rillflow.internal.events.StreamKeys;
import io.rillflow.internal.sql.TenantFilter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link SnapshotCompaction}: one query finds the streams whose tail is past the threshold (by the
 * stream's version against its snapshot's, both indexed by stream id), then each is loaded the way
 * {@code aggregates(T).load} loads it (its snapshot and tail) and its snapshot written at the
 * version reached, with the conditional upsert that never replaces a newer snapshot: two compactors,
 * or a compactor and an append writing its own snapshot, race harmlessly.
 */
final class SnapshotCompactor implements SnapshotCompaction {
  private final ConnectionScope scope;
  private final AggregateLoader loader;
  private final Snapshots snapshots;
  /** Each snapshotting aggregate by its class's qualified name (snapshot rows) and simple name (stream types). */
  private final Map<String, AggregateType<?>> byName = new HashMap<>();
  private final String candidates;

  SnapshotCompactor(ConnectionScope scope, AggregateLoader loader, Snapshots snapshots, String schema,
      TenantFilter tenant, StreamKeys keys, Collection<AggregateType<?>> types) {
    this.scope = scope;
    this.loader = loader;
    this.snapshots = snapshots;
    for (AggregateType<?> type : types) {
      if (type.snapshots()) {
        byName.put(type.type().getName(), type);
        byName.putIfAbsent(type.type().getSimpleName(), type);
      }
    }
    String streams = Identifiers.quote(schema) + "." + Identifiers.quote("rf_streams");
    String snapshotTable = Identifiers.quote(schema) + "." + Identifiers.quote("rf_snapshots");
    candidates = "SELECT st.stream_id, coalesce(s.type, st.stream_type) FROM " + streams + " st"
        + " LEFT JOIN " + snapshotTable + " s ON s.stream_id = st.stream_id" + tenant.and("s")
        + " WHERE " + tenant.leading("st") + "NOT st.archived AND coalesce(s.type, st.stream_type) = ANY(CAST(? AS text[]))"
        + " AND st.version - coalesce(s.version, 0) > ?"
        // The first page has no stream before it (null): no text sorts below every uuid.
        + " AND (CAST(? AS text) IS NULL OR st.stream_id > " + keys.param() + ") ORDER BY st.stream_id LIMIT ?";
  }

  @Override
  public int compactOnce(long threshold, int batch) {
    return compact(threshold, batch, null).written();
  }

  @Override
  public long runUntilIdle(long threshold, int batch) {
    long written = 0;
    String after = null;
    while (true) {
      Batch done = compact(threshold, batch, after);
      written += done.written();
      if (done.found() < batch) {
        return written;
      }
      after = done.last();
    }
  }

  private record Candidate(String stream, AggregateType<?> type) {}

  private record Batch(int found, int written, String last) {}

  private Batch compact(long threshold, int batch, String after) {
    if (threshold < 0 || batch < 1) {
      throw new IllegalArgumentException("Compaction needs a threshold of 0 or more and a batch of 1 or more, but got "
          + threshold + " and " + batch);
    }
    if (byName.isEmpty()) {
      return new Batch(0, 0, after);
    }
    try {
      return scope.statement(connection -> {
        List<Candidate> found = candidates(connection, threshold, batch, after);
        int written = 0;
        for (Candidate candidate : found) {
          if (snapshot(connection, candidate.type(), candidate.stream())) {
            written++;
          }
        }
        return new Batch(found.size(), written, found.isEmpty() ? after : found.get(found.size() - 1).stream());
      });
    } catch (SQLException e) {
      throw new RillflowException("Cannot compact snapshots: " + e.getMessage(), e);
    }
  }

  private List<Candidate> candidates(Connection connection, long threshold, int batch, String after)
      throws SQLException {
    List<Candidate> found = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(candidates)) {
      statement.setArray(1, connection.createArrayOf("text", byName.keySet().toArray()));
      statement.setLong(2, threshold);
      statement.setString(3, after);
      statement.setString(4, after);
      statement.setInt(5, batch);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          found.add(new Candidate(rows.getString(1), byName.get(rows.getString(2))));
        }
      }
    }
    return found;
  }

  /** Loads the stream from its snapshot and tail and writes the snapshot at the version reached. */
  private <A> boolean snapshot(Connection connection, AggregateType<A> type, String stream) throws SQLException {
    Loaded<A> loaded = loader.load(connection, type, stream, Long.MAX_VALUE);
    if (loaded == null || loaded.state() == null) {
      return false;
    }
    snapshots.write(connection, type, stream, loaded.version(), loaded.state());
    return true;
  }
}
