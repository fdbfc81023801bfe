package io.rillflow.spi;

import io.rillflow.PoolOptions;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * The read replica a store's query sessions read from, as the builder checked it: a URL (with its
 * user and password, which may be {@code null}) or a data source the application owns, or
 * {@link #NONE}.
 *
 * @param pool the pool the store opens for a URL
 * @param daemonReadsWait {@code null} when only query sessions read the replica; else the projection
 *     daemon reads events there too, waiting up to this long for the replica's replay to cover a read
 */
public record ReplicaSettings(String url, String username, String password, DataSource dataSource, PoolOptions pool,
    Duration daemonReadsWait) {

  /** No replica: query sessions read from the store's own database. */
  public static final ReplicaSettings NONE = new ReplicaSettings(null, null, null, null, null, null);

  /** Whether a replica was given. */
  public boolean configured() {
    return url != null || dataSource != null;
  }
}
