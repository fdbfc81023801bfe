package io.rillflow.test;

import io.rillflow.DocumentStore;
import io.rillflow.RillflowException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Objects;

/**
 * Writes events as an older release of the application did: a type name, the schema version it had
 * then and its JSON, for testing {@code @Upcast}s when the old event class no longer exists.
 *
 * <pre>{@code
 * LegacyEvents.append(store(), "order-1", "OrderPlaced", 1, "{\"orderId\": \"o-1\", \"cents\": 1000}");
 * assertThat(store().events().readStream("order-1").get(0).data()).isEqualTo(new OrderPlaced(...));
 * }</pre>
 *
 * <p>The event goes to the end of the stream (created when missing) in one statement, the way the
 * event store appends, so reads, projections and the daemon see it as any other event.
 */
public final class LegacyEvents {
  private LegacyEvents() {}

  /**
   * Appends one stored event to the stream.
   *
   * @return the event's version in its stream
   */
  public static long append(DocumentStore store, String streamId, String type, int schemaVersion, String json) {
    Objects.requireNonNull(streamId, "streamId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(json, "json");
    if (schemaVersion < 1) {
      throw new IllegalArgumentException("schemaVersion must be at least 1 but was " + schemaVersion);
    }
    String schema = "\"" + store.schemaName().replace("\"", "\"\"") + "\"";
    String sql = "WITH s AS (INSERT INTO " + schema + ".rf_streams AS st (stream_id, version) VALUES (?, 1)"
        + " ON CONFLICT (stream_id) DO UPDATE SET version = st.version + 1, updated_at = now()"
        + " RETURNING st.stream_id, st.version)"
        + " INSERT INTO " + schema + ".rf_events (stream_id, version, type, schema_version, data)"
        + " SELECT s.stream_id, s.version, ?, ?, CAST(? AS jsonb) FROM s RETURNING version";
    try (Connection connection = store.dataSource().getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      // Untyped: the server reads it as the stream id column's type, text or uuid (EventStorage).
      statement.setObject(1, streamId, Types.OTHER);
      statement.setString(2, type);
      statement.setInt(3, schemaVersion);
      statement.setString(4, json);
      try (ResultSet row = statement.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    } catch (SQLException e) {
      throw new RillflowException("Cannot append a " + type + " at schema version " + schemaVersion + " to stream "
          + streamId + ": " + e.getMessage(), e);
    }
  }
}
