package io.rillflow.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import io.rillflow.test.RillflowTestBase;
import org.junit.jupiter.api.Test;

class QuickstartTest extends RillflowTestBase {

  @Test
  void theTourRunsAndShowsEachStep() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Quickstart.run(store(), new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);

    assertThat(out).contains("with documents [Customer]; missing DDL: 0 statements");
    assertThat(out).contains("Promoted: tier GOLD, credit 25.5, version 3");
    assertThat(out).containsPattern("Lost update prevented: Customer .*: expected version 3, but it is at version 4");
    assertThat(out).contains("Order stream: [v1 OrderPlaced, v2 OrderShipped]");
    assertThat(out).containsPattern("Stale append refused: stream [0-9a-f-]{36}: expected version 1, but it is at version 2");
    assertThat(out).containsPattern("Shipped by DHL at global position \\d+");
    assertThat(out).contains("The order as an aggregate: total 99.90, shipped by DHL; shipping again decides []");
    assertThat(out).contains("Bulk-inserted 10000 customers with COPY").contains("10001 customers stored");
  }
}
