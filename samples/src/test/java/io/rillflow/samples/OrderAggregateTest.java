package io.rillflow.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.aggregates.AggregateRepository;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.samples.orders.Order;
import io.rillflow.samples.orders.OrderPlaced;
import io.rillflow.test.RillflowTestBase;
import java.math.BigDecimal;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OrderAggregateTest extends RillflowTestBase {

  @Test
  void anOrderIsPlacedShippedOnceAndLoadedAsTheFoldOfItsStream() {
    UUID orderId = UUID.randomUUID();
    UUID customerId = UUID.randomUUID();
    AggregateRepository<Order> orders = store().aggregates(Order.class);
    orders.append(orderId, ExpectedVersion.noStream(), new OrderPlaced(orderId, customerId, new BigDecimal("99.90")));

    assertThat(orders.update(orderId, order -> order.ship("DHL"))).isPresent();
    assertThat(orders.update(orderId, order -> order.ship("UPS"))).as("shipped already").isEmpty();

    assertThat(orders.load(orderId)).contains(new Order(orderId, customerId, new BigDecimal("99.90"), "DHL"));
  }
}
