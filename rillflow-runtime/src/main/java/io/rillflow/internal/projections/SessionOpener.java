package io.rillflow.internal.projections;

import io.rillflow.DocumentSession;
import javax.sql.DataSource;

/** Opens a session of the store on a given data source: here, one transaction's enlisted connection. */
public interface SessionOpener {
  DocumentSession open(DataSource dataSource);

  /** The store's schema. */
  String schema();
}
