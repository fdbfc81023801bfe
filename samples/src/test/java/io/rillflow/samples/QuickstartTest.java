package io.rillflow.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import io.rillflow.DocumentStoreBuilder;
import io.rillflow.test.RillflowTestBase;
import org.junit.jupiter.api.Test;

class QuickstartTest extends RillflowTestBase {

  @Override
  protected void configure(DocumentStoreBuilder builder) {
    Quickstart.configure(builder);
  }

  @Test
  void theTourRunsAndShowsEachStep() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Quickstart.run(store(), new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);

    assertThat(out).contains("with documents [Customer, CustomerOrders, OrderSummary]; missing DDL: 0 statements");
    assertThat(out).contains("Promoted: tier GOLD, credit 25.5, version 3");
    assertThat(out).containsPattern("Lost update prevented: Customer .*: expected version 3, but it is at version 4");
    assertThat(out).containsPattern("VIP contacts with credit over 10: \\[Contact\\[email=ada\\..*@example.com, name=Ada\\]\\]; "
        + "customers in LONDON, ignoring case: 1");
    assertThat(out).contains("Dynamic query: 1 gold or VIP londoner(s)");
    assertThat(out).contains("Order stream: [v1 OrderPlaced, v2 OrderShipped]");
    assertThat(out).containsPattern("Stale append refused: stream [0-9a-f-]{36}: expected version 1, but it is at version 2");
    assertThat(out).containsPattern("Shipped by DHL at global position \\d+");
    assertThat(out).contains("Order summary (inline projection): total 99.90, shipped by DHL");
    assertThat(out).contains("Ada's orders (async read model, by the daemon): 1, total 99.90");
    assertThat(out).contains("sequenceDiagram")
        .contains("participant P1 as HTTP").contains("participant P2 as OrderService")
        .contains("participant P3 as EventStore").contains("participant P4 as Projection order-summaries")
        .containsPattern("P2->>P3: append: 1 event\\(s\\) \\[OrderPlaced\\] to [0-9a-f-]{36} v1")
        .contains("P3->>P4: apply: OrderPlaced at position");
    assertThat(out).contains("The order as an aggregate: total 99.90, shipped by DHL; shipping again decides []");
    assertThat(out).contains("Bulk-inserted 10000 customers with COPY").contains("10001 customers stored");
  }
}
