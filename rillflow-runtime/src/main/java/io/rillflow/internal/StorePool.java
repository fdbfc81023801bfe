package io.rillflow.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.rillflow.PoolOptions;
import io.rillflow.RillflowException;
import io.rillflow.spi.ReplicaSettings;
import io.rillflow.spi.StoreSettings;

/** The connection pools a store opens when it is given URLs rather than data sources. */
final class StorePool {
  private StorePool() {}

  static HikariDataSource open(StoreSettings settings) {
    HikariConfig config = config(settings.url(), settings.username(), settings.password(), settings.pool());
    config.setPoolName("rillflow-" + settings.schema());
    try {
      return new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new RillflowException("Cannot connect to " + withoutPassword(settings.url())
          + (settings.username() != null ? " as " + settings.username() : "") + ": " + rootMessage(e), e);
    }
  }

  /**
   * The read replica's pool: read-only connections (pgjdbc's {@code readOnlyMode=always} makes that
   * hold in auto-commit too, where query sessions read). It starts without connecting, so that a
   * replica that is down fails query sessions, naming it, rather than the store's start.
   */
  static HikariDataSource openReplica(ReplicaSettings replica, String schema) {
    HikariConfig config = config(replica.url(), replica.username(), replica.password(), replica.pool());
    config.setPoolName("rillflow-replica-" + schema);
    config.setReadOnly(true);
    config.addDataSourceProperty("readOnlyMode", "always");
    config.setInitializationFailTimeout(-1);
    return new HikariDataSource(config);
  }

  /**
   * The pool of one database of a database-per-tenant store, the store's user and pool options on
   * another URL. It starts without connecting: a server that is down fails its tenants, naming them,
   * not the store's start nor the other tenants.
   */
  static HikariDataSource openTenantDatabase(StoreSettings settings, String url, int number) {
    HikariConfig config = config(url, settings.username(), settings.password(), settings.pool());
    config.setPoolName("rillflow-" + settings.schema() + "-db" + number);
    config.setInitializationFailTimeout(-1);
    return new HikariDataSource(config);
  }

  private static HikariConfig config(String url, String username, String password, PoolOptions pool) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    if (username != null) {
      config.setUsername(username);
    }
    if (password != null) {
      config.setPassword(password);
    }
    config.setMaximumPoolSize(pool.maximumSize());
    config.setMinimumIdle(pool.minimumIdle());
    config.setConnectionTimeout(pool.connectionTimeout().toMillis());
    config.setIdleTimeout(pool.idleTimeout().toMillis());
    config.setMaxLifetime(pool.maxLifetime().toMillis());
    config.setLeakDetectionThreshold(pool.leakDetection().toMillis());
    return config;
  }

  /** The URL as logs and messages may show it. */
  static String withoutPassword(String url) {
    return io.rillflow.internal.tenancy.TenantServers.withoutPassword(url);
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage();
  }
}
