package io.rillflow.tests.tenancy;

import io.rillflow.events.EventEnvelope;
import io.rillflow.projections.Projection;
import io.rillflow.projections.ProjectionContext;
import io.rillflow.tests.readmodels.Purchased;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * An async read model written with raw SQL, as a projection in a table that conjoined tenants share
 * would be: each row keyed by the tenant its context names, the stream and the event's position.
 */
final class TenantRows implements Projection {
  static final String NAME = "tenant-rows";
  static final String TABLE = "tenant_rows";

  @Override
  public boolean handles(Class<?> eventClass) {
    return eventClass == Purchased.class;
  }

  @Override
  public void apply(EventEnvelope<?> event, ProjectionContext context) throws SQLException {
    String table = "\"" + context.schemaName() + "\"." + TABLE;
    try (Statement create = context.connection().createStatement()) {
      create.execute("CREATE TABLE IF NOT EXISTS " + table + " (tenant text NOT NULL, stream text NOT NULL,"
          + " position bigint NOT NULL, amount numeric NOT NULL, PRIMARY KEY (tenant, stream, position))");
    }
    try (PreparedStatement insert = context.connection().prepareStatement("INSERT INTO " + table
        + " VALUES (?, ?, ?, ?)")) {
      insert.setString(1, context.tenantId().orElseThrow(() -> new IllegalStateException("no tenant in the context")));
      insert.setString(2, event.streamId());
      insert.setLong(3, event.position());
      insert.setBigDecimal(4, ((Purchased) event.data()).amount());
      insert.executeUpdate();
    }
  }
}
