package io.rillflow.internal.aggregates;

import io.rillflow.events.AppendResult;
import io.rillflow.aggregates.InvariantViolationException;
import io.rillflow.aggregates.ValidatedAggregate;
import io.rillflow.internal.document.DocumentTable;
import io.rillflow.internal.events.SessionAppends;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * What follows one append of an aggregate's events in the same transaction, in this order: fold the
 * new state, check its invariants (a failure rolls the append back), write the snapshot when the
 * stream passed a multiple of snapshotEvery, store the inline document. The events are read back
 * on the transaction's connection, through the event store's read, so the state is exactly what a
 * later load folds.
 *
 * <p>The state the caller loaded before deciding is folded onto when it is at the version just
 * before the append; it is used once only, since a mutable state is changed by the fold and a
 * unit of work that failed may run this again.
 *
 * @param <A> the aggregate type
 */
final class WorkAfterAppend<A> implements SessionAppends.AfterAppend {
  private final AggregateType<A> type;
  private final AggregateLoader loader;
  private final Snapshots snapshots;
  private Loaded<A> base;
  private AppendResult result;

  WorkAfterAppend(AggregateType<A> type, AggregateLoader loader, Snapshots snapshots, Loaded<A> base) {
    this.type = type;
    this.loader = loader;
    this.snapshots = snapshots;
    this.base = base;
  }

  /** What the append wrote, once it ran. */
  AppendResult result() {
    return result;
  }

  @Override
  public void run(Connection connection, AppendResult appended) throws SQLException {
    this.result = appended;
    String stream = appended.streamId();
    long before = appended.firstVersion() - 1;
    if (!type.needsState(before, appended.version())) {
      return;
    }
    Loaded<A> start = base;
    base = null;
    Loaded<A> now = start != null && start.version() == before
        ? loader.foldOnto(connection, type, stream, start, appended.version())
        : loader.load(connection, type, stream, appended.version());
    A state = now == null ? null : now.state();
    if (state == null) {
      return;
    }
    if (state instanceof ValidatedAggregate validated) {
      try {
        validated.validate();
      } catch (RuntimeException e) {
        throw new InvariantViolationException(type.type(), stream, appended.version(), e);
      }
    }
    if (type.snapshotDue(before, appended.version())) {
      snapshots.write(connection, type, stream, appended.version(), state);
    }
    DocumentTable<A, Object> table = type.inlineTable();
    if (table != null) {
      storeInline(connection, table, stream, state);
    }
  }

  private void storeInline(Connection connection, DocumentTable<A, Object> table, String stream, A state)
      throws SQLException {
    Object id = table.mapping().id(state);
    if (id == null || !id.toString().equals(stream)) {
      throw new IllegalStateException("Inline aggregate " + type.name() + " of stream " + stream + " has id " + id
          + ": its document id must be the stream id; set it from the event that creates the state");
    }
    try (PreparedStatement statement = connection.prepareStatement(table.sql().upsert())) {
      table.bindId(statement, 1, id);
      statement.setString(2, table.write(state));
      statement.executeUpdate();
    }
  }
}
