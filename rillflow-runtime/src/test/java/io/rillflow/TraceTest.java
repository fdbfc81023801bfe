package io.rillflow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TraceTest {
  private final Trace trace = new Trace();

  @AfterEach
  void off() {
    trace.disable();
  }

  @Test
  void twoTracesKeepSeparateBreadcrumbs() {
    Trace other = new Trace();
    trace.enable();
    other.enable();
    trace.record("t", "POST /orders", "HTTP", "");
    assertThat(trace.steps("t")).hasSize(1);
    assertThat(other.steps("t")).isEmpty();
    other.disable();
    assertThat(trace.isEnabled()).isTrue();
  }

  @Test
  void nothingIsKeptWhileDisabled() {
    trace.record("t", "POST /orders", "HTTP", "");
    assertThat(trace.steps("t")).isEmpty();
  }

  @Test
  void mermaidDrawsOneParticipantPerComponentAndAnArrowPerStep() {
    trace.enable();
    trace.record("t", "POST /orders", "HTTP", "ada");
    trace.record("t", "PlaceOrder", "OrderService", "");
    trace.record("t", "append", "EventStore", "1 event; v1");
    trace.record("t", "apply", "Projection totals", "OrderPlaced #1");
    trace.record("other", "GET /", "HTTP", "");

    assertThat(trace.mermaid("t")).isEqualTo("""
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
    trace.enable();
    for (int i = 0; i < Trace.MAX_STEPS + 10; i++) {
      trace.record("t", "step " + i, "C", "");
    }
    assertThat(trace.steps("t")).hasSize(Trace.MAX_STEPS);
    assertThat(trace.steps("t").get(0).kind()).isEqualTo("step 10");
  }
}
