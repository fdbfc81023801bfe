package io.rillflow.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.rillflow.PoolOptions;
import io.rillflow.RillflowException;
import io.rillflow.spi.StoreSettings;

/** The connection pool a store opens when it is given a URL rather than a data source. */
final class StorePool {
  private StorePool() {}

  static HikariDataSource open(StoreSettings settings) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(settings.url());
    if (settings.username() != null) {
      config.setUsername(settings.username());
    }
    if (settings.password() != null) {
      config.setPassword(settings.password());
    }
    PoolOptions pool = settings.pool();
    config.setMaximumPoolSize(pool.maximumSize());
    config.setMinimumIdle(pool.minimumIdle());
    config.setConnectionTimeout(pool.connectionTimeout().toMillis());
    config.setIdleTimeout(pool.idleTimeout().toMillis());
    config.setMaxLifetime(pool.maxLifetime().toMillis());
    config.setLeakDetectionThreshold(pool.leakDetection().toMillis());
    config.setPoolName("rillflow-" + settings.schema());
    try {
      return new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new RillflowException("Cannot connect to " + withoutPassword(settings.url())
          + (settings.username() != null ? " as " + settings.username() : "") + ": " + rootMessage(e), e);
    }
  }

  private static String withoutPassword(String url) {
    return url.replaceAll("(?i)(password=)[^&]*", "$1***");
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage();
  }
}
