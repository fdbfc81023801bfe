package io.rillflow.internal.subscriptions;

import io.rillflow.DocumentSession;
import io.rillflow.internal.session.SessionFactory;
import io.rillflow.internal.sql.JoinedScope;
import io.rillflow.subscriptions.Delivery;
import io.rillflow.subscriptions.SubscriptionHandle;
import io.rillflow.subscriptions.SubscriptionOptions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;

/** What push and pull members share: their identity and acknowledgements, over one {@link GroupMember}. */
abstract class MemberHandle implements SubscriptionHandle {
  final String subscription;
  final SubscriptionOptions options;
  final GroupMember member;
  volatile boolean closed;

  MemberHandle(String subscription, SubscriptionOptions options, GroupMember member) {
    this.subscription = subscription;
    this.options = options;
    this.member = member;
  }

  @Override
  public String subscription() {
    return subscription;
  }

  @Override
  public String group() {
    return options.group();
  }

  @Override
  public String memberId() {
    return options.memberId();
  }

  @Override
  public void ack(Delivery delivery) {
    member.ack(Objects.requireNonNull(delivery, "delivery"));
  }

  @Override
  public void ack(Delivery delivery, DocumentSession session) {
    Objects.requireNonNull(delivery, "delivery");
    if (!(SessionFactory.bound(Objects.requireNonNull(session, "session")).scope() instanceof JoinedScope joined)) {
      throw new IllegalArgumentException("ack(delivery, session) needs a session that joins your transaction "
          + "(store.openSession(connection)), so that the checkpoint commits with the session's writes");
    }
    ack(delivery, joined.connection());
  }

  @Override
  public void ack(Delivery delivery, Connection transaction) {
    Objects.requireNonNull(delivery, "delivery");
    try {
      if (Objects.requireNonNull(transaction, "transaction").getAutoCommit()) {
        throw new IllegalArgumentException("ack(delivery, connection) needs a transaction: the connection is in "
            + "auto-commit mode, so the checkpoint would not commit with your writes");
      }
    } catch (SQLException e) {
      throw new IllegalArgumentException("Cannot use the connection: " + e.getMessage(), e);
    }
    member.ackInTransaction(delivery, transaction);
  }

  @Override
  public boolean isClosed() {
    return closed;
  }
}
