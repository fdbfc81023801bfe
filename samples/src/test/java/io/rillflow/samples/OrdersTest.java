package io.rillflow.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.events.EventEnvelope;
import io.rillflow.samples.orders.OrderPlaced;
import io.rillflow.test.RillflowTestBase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OrdersTest extends RillflowTestBase {

  @Test
  void anOrderPlacedStoredByTheFirstVersionReadsAsTheCurrentClass() throws Exception {
    UUID orderId = UUID.randomUUID();
    UUID customerId = UUID.randomUUID();
    String schema = "\"" + store().schemaName() + "\"";
    try (Connection connection = store().dataSource().getConnection();
        PreparedStatement stream = connection.prepareStatement(
            "INSERT INTO " + schema + ".rf_streams (stream_id, version) VALUES (?, 1)");
        PreparedStatement event = connection.prepareStatement("INSERT INTO " + schema + ".rf_events"
            + " (stream_id, version, type, schema_version, data) VALUES (?, 1, 'OrderPlaced', 1, ?::jsonb)")) {
      stream.setString(1, orderId.toString());
      stream.executeUpdate();
      event.setString(1, orderId.toString());
      event.setString(2, "{\"orderId\": \"" + orderId + "\", \"customerId\": \"" + customerId + "\", \"totalCents\": 9990}");
      event.executeUpdate();
    }

    EventEnvelope<?> read = store().events().readStream(orderId).get(0);

    assertThat(read.data()).isEqualTo(new OrderPlaced(orderId, customerId, new BigDecimal("99.90")));
    assertThat(read.schemaVersion()).isEqualTo(1);
  }
}
