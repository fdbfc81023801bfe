package io.rillflow.internal.subscriptions;

import io.rillflow.events.Checkpoint;
import io.rillflow.internal.events.DefaultEventStore;
import io.rillflow.subscriptions.GroupStatus;
import io.rillflow.subscriptions.ParkedEvent;
import io.rillflow.subscriptions.PullSubscription;
import io.rillflow.subscriptions.SubscriptionFilter;
import io.rillflow.subscriptions.SubscriptionHandle;
import io.rillflow.subscriptions.SubscriptionHandler;
import io.rillflow.subscriptions.SubscriptionInfo;
import io.rillflow.subscriptions.SubscriptionOptions;
import io.rillflow.subscriptions.Subscriptions;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** The store's subscriptions (being built: the API is fixed, the runtime follows). */
public final class DefaultSubscriptions implements Subscriptions, AutoCloseable {

  public DefaultSubscriptions(DataSource dataSource, String schema, DefaultEventStore events) {}

  @Override
  public boolean create(String name, SubscriptionFilter filter) {
    return create(name, filter, DEFAULT_PARTITIONS);
  }

  @Override
  public boolean create(String name, SubscriptionFilter filter, int partitions) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public Optional<SubscriptionInfo> find(String name) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public List<SubscriptionInfo> list() {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public boolean delete(String name) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public SubscriptionHandle subscribe(String name, SubscriptionOptions options, SubscriptionHandler handler) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public PullSubscription pull(String name, SubscriptionOptions options) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public List<String> groups(String subscription) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public GroupStatus groupStatus(String subscription, String group) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public void setMaxInFlight(String subscription, String group, int maxInFlight) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public void seek(String subscription, String group, Checkpoint checkpoint) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public List<ParkedEvent> parked(String subscription, String group) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public boolean requeue(long parkedId) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public boolean deleteParked(long parkedId) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public void close() {}
}
