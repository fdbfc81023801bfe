package io.rillflow.internal.events;

import io.rillflow.events.AppendCondition;
import io.rillflow.events.AppendConditionException;
import io.rillflow.events.AppendLockTimeoutException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Dynamic Consistency Boundary part of an append, around its statement and in its
 * transaction: before it, the advisory locks of its tags and condition and the condition's check;
 * after it, the rows of its events' tags. Appends of untagged events without a condition skip it.
 *
 * <p><b>Algorithm.</b> In the append's READ COMMITTED transaction, in this order:
 * <ol>
 *   <li>One statement takes the append's {@link TagLocks} in key order: shared for the tags of its
 *       events, exclusive for its condition's query. Transaction-scoped: held until commit.</li>
 *   <li>A later statement (so its snapshot is taken after the locks are granted) looks for events
 *       matching the condition's query after its checkpoint, other than this transaction's own; any
 *       found fail the append with their positions.</li>
 *   <li>The append statement, then the insert of its tag rows.</li>
 * </ol>
 *
 * <p><b>Why no matching event slips past a check.</b> Take a conditional append A and any append B
 * writing an event A's query matches. B holds a shared key that A takes exclusive (see
 * {@link TagLocks}) from before it writes the event until it ends. If B took it first, A's lock
 * waits until B has ended; a transaction's locks are released after its commit is visible, so A's
 * check, a later statement, sees B's event. If A took it first, B waits until A has committed, so
 * B's event commits after A's: A was right not to see it, and if B has a condition of its own, its
 * check sees A's events. Appends with no key in common never wait for each other.
 *
 * <p><b>Against the safe point.</b> {@code query} reads matching events below the safe point S and
 * returns the checkpoint "every transaction below S"; everything below S had ended when S was read
 * (see {@link StoreSafePoint}), so the read holds every matching event there. The check counts
 * every committed matching event at or above S, including one that committed before the read but
 * above S (its transaction's ticket was above an appender still open then): such an event was not
 * in the read, so the append must fail, and the retry's read will include it once S passes it.
 *
 * <p><b>Waiting.</b> An append waits for the locks at most its condition's
 * {@link AppendCondition#lockWait()} ({@link AppendCondition#DEFAULT_LOCK_WAIT} without a condition),
 * then fails with {@link AppendLockTimeoutException}: a frozen holder stops its overlapping appends for
 * that long, never for good, and appends that do not overlap it never wait.
 *
 * <p><b>Hazards.</b> The check must not run on a snapshot older than the locks: a REPEATABLE READ
 * or SERIALIZABLE transaction is refused. Two conditional appends in one unit of work take their
 * locks in two statements, so two such units of work can deadlock; PostgreSQL then fails one of
 * them (SQLSTATE 40P01) and nothing of it is written. A long-open appender holds S back, and with
 * it every conditional append whose query matches events above S fails until it ends; the store's
 * status names it.
 */
final class TagStep {
  /** PostgreSQL's query_canceled: here, the lock statement's timeout ran out. */
  private static final String QUERY_CANCELED = "57014";
  private static final int DEFAULT_WAIT_SECONDS = (int) AppendCondition.DEFAULT_LOCK_WAIT.toSeconds();

  private final String schema;
  /** A conjoined store's tenant, whose locks are its own; null else. */
  private final String tenantId;
  private final TagSql sql;
  private final EventCatalog catalog;

  TagStep(String schema, String tenantId, TagSql sql, EventCatalog catalog) {
    this.schema = schema;
    this.tenantId = tenantId;
    this.sql = sql;
    this.catalog = catalog;
  }

  /**
   * Locks and checks, before the append statement.
   *
   * @throws AppendConditionException when matching events arrived after the condition's checkpoint
   */
  void before(Connection connection, AppendRequest request) throws SQLException {
    TaggedQuery condition = request.condition() == null ? null : TaggedQuery.of(request.condition().query(), catalog);
    if (condition != null && connection.getTransactionIsolation() != Connection.TRANSACTION_READ_COMMITTED) {
      throw new IllegalStateException("A conditional append runs in a READ COMMITTED transaction: its check must"
          + " see what committed before its locks were granted");
    }
    TagLocks locks = TagLocks.of(schema, tenantId, request, condition);
    if (!locks.isEmpty()) {
      lock(connection, request, condition, locks);
    }
    if (condition != null) {
      List<Long> found = conflicts(connection, condition, request);
      if (!found.isEmpty()) {
        throw new AppendConditionException(request.condition(), found);
      }
    }
  }

  /**
   * Takes the locks, waiting at most the condition's bound: the statement's timeout cancels the wait
   * (SQLSTATE 57014) and with it the transaction, so nothing is written. The timeout is on this one
   * statement, not a {@code lock_timeout} setting, which would outlive it in a caller's transaction.
   */
  private void lock(Connection connection, AppendRequest request, TaggedQuery condition, TagLocks locks)
      throws SQLException {
    int seconds = request.condition() != null ? request.condition().lockWaitSeconds() : DEFAULT_WAIT_SECONDS;
    try (PreparedStatement statement = connection.prepareStatement(sql.lock)) {
      statement.setArray(1, connection.createArrayOf("int4", locks.keys()));
      statement.setArray(2, connection.createArrayOf("bool", locks.exclusive()));
      statement.setQueryTimeout(seconds);
      statement.executeQuery().close();
    } catch (SQLException e) {
      if (QUERY_CANCELED.equals(e.getSQLState())) {
        throw new AppendLockTimeoutException(tagsOf(request, condition), Duration.ofSeconds(seconds), e);
      }
      throw e;
    }
  }

  private static List<String> tagsOf(AppendRequest request, TaggedQuery condition) {
    Set<String> tags = new TreeSet<>();
    request.events().forEach(event -> tags.addAll(event.tags()));
    if (condition != null) {
      condition.items().forEach(item -> tags.addAll(item.tags()));
    }
    return List.copyOf(tags);
  }

  private List<Long> conflicts(Connection connection, TaggedQuery condition, AppendRequest request)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql.check(condition))) {
      long transaction = request.condition().after().transactionId();
      long position = request.condition().after().position();
      condition.bind(statement, 1, (s, i) -> {
        s.setLong(i, transaction);
        s.setLong(i + 1, position);
        return i + 2;
      });
      List<Long> positions = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          positions.add(rows.getLong(1));
        }
      }
      return positions;
    }
  }

  /** Writes the tag rows of the events just appended. */
  void after(Connection connection, AppendRequest request, long firstVersion) throws SQLException {
    List<Long> versions = new ArrayList<>();
    List<String> tags = new ArrayList<>();
    List<AppendRequest.Typed> events = request.events();
    for (int i = 0; i < events.size(); i++) {
      for (String tag : events.get(i).tags()) {
        versions.add(firstVersion + i);
        tags.add(tag);
      }
    }
    if (tags.isEmpty()) {
      return;
    }
    try (PreparedStatement statement = connection.prepareStatement(sql.insertTags)) {
      statement.setArray(1, connection.createArrayOf("int8", versions.toArray()));
      statement.setArray(2, connection.createArrayOf("text", tags.toArray()));
      statement.setString(3, request.streamKey());
      statement.executeUpdate();
    }
  }
}
