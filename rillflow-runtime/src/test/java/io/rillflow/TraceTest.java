package io.rillflow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TraceTest {

  @AfterEach
  void off() {
    Trace.disable();
  }

  @Test
  void nothingIsKeptWhileDisabled() {
    Trace.record("t", "POST /orders", "HTTP", "");
    assertThat(Trace.steps("t")).isEmpty();
  }

  @Test
  void mermaidDrawsOneParticipantPerComponentAndAnArrowPerStep() {
    Trace.enable();
    Trace.record("t", "POST /orders", "HTTP", "ada");
    Trace.record("t", "PlaceOrder", "OrderService", "");
    Trace.record("t", "append", "EventStore", "1 event; v1");
    Trace.record("t", "apply", "Projection totals", "OrderPlaced #1");
    Trace.record("other", "GET /", "HTTP", "");

    assertThat(Trace.mermaid("t")).isEqualTo("""
        sequenceDiagram
            participant P1 as HTTP
            participant P2 as OrderService
            participant P3 as EventStore
            participant P4 as Projection totals
            Note over P1: POST /orders: ada
            P1->>P2: PlaceOrder
            P2->>P3: append: 1 event, v1
            P3->>P4: apply: OrderPlaced 1
        """);
  }

  @Test
  void aTraceKeepsItsNewestSteps() {
    Trace.enable();
    for (int i = 0; i < Trace.MAX_STEPS + 10; i++) {
      Trace.record("t", "step " + i, "C", "");
    }
    assertThat(Trace.steps("t")).hasSize(Trace.MAX_STEPS);
    assertThat(Trace.steps("t").get(0).kind()).isEqualTo("step 10");
  }
}
