package io.rillflow.internal;

import com.zaxxer.hikari.HikariDataSource;
import io.rillflow.internal.sql.ConnectionScope;
import io.rillflow.internal.sql.OwnedScope;
import io.rillflow.internal.sql.ReadOnlyDataSource;
import io.rillflow.internal.sql.ReplicaScope;
import io.rillflow.spi.ReplicaSettings;

/**
 * Where a store's query sessions read: a read replica's scope, or, with no replica, the store's own
 * scope (then this is a no-op, and the store runs exactly as without the feature).
 *
 * <p>Query sessions read here, and with {@code daemonReadsReplica} the projection daemon's global
 * reads of events, each only once the replica has replayed past the safe point read on the primary
 * (see {@code io.rillflow.internal.events.ReplicaRows}); its checkpoints, read models, leases and
 * wake-ups stay on the primary.
 */
final class ReadReplica implements AutoCloseable {
  private final ConnectionScope scope;
  private final HikariDataSource ownedPool;

  private ReadReplica(ConnectionScope scope, HikariDataSource ownedPool) {
    this.scope = scope;
    this.ownedPool = ownedPool;
  }

  /**
   * The replica the settings name, sharing the store's closed flag so that a closed store refuses
   * query sessions in the same words; the store's own scope when they name none.
   */
  static ReadReplica open(ReplicaSettings settings, String schema, OwnedScope storeScope) {
    if (!settings.configured()) {
      return new ReadReplica(storeScope, null);
    }
    if (settings.dataSource() != null) {
      return new ReadReplica(new ReplicaScope(new OwnedScope(new ReadOnlyDataSource(settings.dataSource()),
          storeScope.closed()), "data source " + settings.dataSource()), null);
    }
    HikariDataSource pool = StorePool.openReplica(settings, schema);
    return new ReadReplica(new ReplicaScope(new OwnedScope(pool, storeScope.closed()),
        StorePool.withoutPassword(settings.url())), pool);
  }

  /**
   * Where the query sessions of a tenant's view on this store read: the same replica (its SQL names
   * the tenant's schema, the pool is this one's and closed with it), or, without a replica, the view's
   * own scope.
   */
  ReadReplica forView(OwnedScope viewScope) {
    return new ReadReplica(ownedPool == null && !(scope instanceof ReplicaScope) ? viewScope : scope, null);
  }

  /** Where query sessions run. */
  ConnectionScope scope() {
    return scope;
  }

  @Override
  public void close() {
    if (ownedPool != null) {
      ownedPool.close();
    }
  }
}
