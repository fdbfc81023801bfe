package io.rillflow.internal.subscriptions;

import io.rillflow.RillflowException;
import io.rillflow.events.Checkpoint;
import io.rillflow.internal.sql.Transaction;
import io.rillflow.subscriptions.SubscriptionFilter;
import io.rillflow.subscriptions.SubscriptionInfo;
import io.rillflow.subscriptions.SubscriptionStart;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;

/** The rows of {@code rf_subscriptions} and their groups: create, find, list, delete, join a group. */
final class SubscriptionCatalog {
  private final DataSource dataSource;
  private final PartitionSql sql;

  SubscriptionCatalog(DataSource dataSource, PartitionSql sql) {
    this.dataSource = dataSource;
    this.sql = sql;
  }

  boolean create(String name, SubscriptionFilter filter, int partitions, Checkpoint start) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql.createSubscription)) {
      statement.setString(1, name);
      statement.setArray(2, connection.createArrayOf("text", new TreeSet<>(filter.eventTypes()).toArray()));
      statement.setArray(3, connection.createArrayOf("text", new TreeSet<>(filter.streamTypes()).toArray()));
      statement.setString(4, filter.tenant());
      statement.setLong(5, start.transactionId());
      statement.setLong(6, start.position());
      statement.setInt(7, partitions);
      return statement.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new RillflowException("Cannot create subscription " + name + ": " + e.getMessage(), e);
    }
  }

  Optional<SubscriptionInfo> find(String name) {
    List<SubscriptionInfo> found = query(sql.findSubscription, name);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  List<SubscriptionInfo> list() {
    return query(sql.listSubscriptions, null);
  }

  boolean delete(String name) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql.deleteSubscription)) {
      statement.setString(1, name);
      return statement.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new RillflowException("Cannot delete subscription " + name + ": " + e.getMessage(), e);
    }
  }

  /** Makes the group and its partitions when they are new; sets its max in-flight when {@code maxInFlight > 0}. */
  void joinGroup(String subscription, String group, int maxInFlight) {
    try (Connection connection = dataSource.getConnection()) {
      Transaction.run(connection, transaction -> {
        try (PreparedStatement statement = transaction.prepareStatement(sql.ensureGroup)) {
          statement.setString(1, subscription);
          statement.setString(2, group);
          statement.setInt(3, maxInFlight);
          statement.executeUpdate();
        }
        try (PreparedStatement statement = transaction.prepareStatement(sql.ensurePartitions)) {
          statement.setString(1, group);
          statement.setString(2, subscription);
          statement.executeUpdate();
        }
        return null;
      });
    } catch (SQLException e) {
      throw new RillflowException("Cannot join group " + group + " of subscription " + subscription + ": "
          + e.getMessage(), e);
    }
  }

  private List<SubscriptionInfo> query(String query, String name) {
    List<SubscriptionInfo> found = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(query)) {
      if (name != null) {
        statement.setString(1, name);
      }
      try (ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          Checkpoint start = new Checkpoint(row.getLong(5), row.getLong(6));
          SubscriptionFilter filter = new SubscriptionFilter(texts(row.getArray(2)), texts(row.getArray(3)),
              row.getString(4), start.equals(Checkpoint.START) ? SubscriptionStart.beginning()
              : SubscriptionStart.after(start));
          found.add(new SubscriptionInfo(row.getString(1), filter, row.getInt(7),
              row.getObject(8, OffsetDateTime.class).toInstant()));
        }
      }
    } catch (SQLException e) {
      throw new RillflowException("Cannot read subscriptions: " + e.getMessage(), e);
    }
    return found;
  }

  private static Set<String> texts(Array array) throws SQLException {
    return Set.copyOf(Arrays.asList((String[]) array.getArray()));
  }
}
