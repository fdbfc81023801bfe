package io.rillflow;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Development breadcrumbs: what happened to one request, step by step (HTTP, command, event store,
 * projections), rendered as a Mermaid sequence diagram. Off by default; when off,
 * {@link #record} returns after reading one volatile flag. Rillflow records its own steps (appends,
 * projection applies) under the append's correlation id, so use the request's trace id as the
 * correlation id.
 *
 * <pre>{@code
 * Trace.enable();
 * Trace.record(traceId, "POST /orders", "HTTP", "place order");
 * Trace.record(traceId, "PlaceOrder", "OrderService", "order " + orderId);
 * store.events().append(orderId, ExpectedVersion.noStream(),
 *     AppendOptions.builder().correlationId(traceId).build(), placed);
 * System.out.println(Trace.mermaid(traceId));
 * }</pre>
 *
 * <p>Each trace keeps its newest {@value #MAX_STEPS} steps; the {@value #MAX_TRACES} traces used
 * most recently are kept, older ones forgotten.
 */
public final class Trace {
  /** Steps kept per trace. */
  public static final int MAX_STEPS = 256;
  /** Traces kept. */
  public static final int MAX_TRACES = 1024;

  /**
   * One breadcrumb.
   *
   * @param at when it was recorded
   * @param kind what happened ({@code "append"}, {@code "POST /orders"})
   * @param component where ({@code "HTTP"}, {@code "EventStore"}, {@code "Projection order-totals"})
   * @param data details, may be empty
   */
  public record Step(Instant at, String kind, String component, String data) {}

  private static volatile boolean enabled;
  private static final Map<String, Deque<Step>> TRACES = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Deque<Step>> eldest) {
      return size() > MAX_TRACES;
    }
  };

  private Trace() {}

  /** Starts keeping breadcrumbs. */
  public static void enable() {
    enabled = true;
  }

  /** Stops keeping breadcrumbs and forgets those kept. */
  public static void disable() {
    enabled = false;
    synchronized (TRACES) {
      TRACES.clear();
    }
  }

  /** Whether breadcrumbs are kept. */
  public static boolean isEnabled() {
    return enabled;
  }

  /** Keeps a breadcrumb when tracing is enabled and {@code traceId} is not {@code null}; else does nothing. */
  public static void record(String traceId, String kind, String component, String data) {
    if (!enabled || traceId == null) {
      return;
    }
    Step step = new Step(Instant.now(), Objects.requireNonNull(kind, "kind"),
        Objects.requireNonNull(component, "component"), data == null ? "" : data);
    synchronized (TRACES) {
      Deque<Step> steps = TRACES.computeIfAbsent(traceId, id -> new ArrayDeque<>());
      if (steps.size() == MAX_STEPS) {
        steps.removeFirst();
      }
      steps.addLast(step);
    }
  }

  /** The trace's breadcrumbs, oldest first; empty when none are kept. */
  public static List<Step> steps(String traceId) {
    synchronized (TRACES) {
      Deque<Step> steps = TRACES.get(traceId);
      return steps == null ? List.of() : List.copyOf(steps);
    }
  }

  /**
   * The trace as a Mermaid sequence diagram: one participant per component, in order of first
   * appearance, and one arrow per step from the component of the step before.
   */
  public static String mermaid(String traceId) {
    List<Step> steps = steps(traceId);
    StringBuilder diagram = new StringBuilder("sequenceDiagram\n");
    List<String> participants = new ArrayList<>();
    for (Step step : steps) {
      if (!participants.contains(step.component())) {
        participants.add(step.component());
        diagram.append("    participant P").append(participants.size()).append(" as ")
            .append(escape(step.component())).append('\n');
      }
    }
    String from = null;
    for (Step step : steps) {
      String to = "P" + (participants.indexOf(step.component()) + 1);
      String label = escape(step.kind() + (step.data().isEmpty() ? "" : ": " + step.data()));
      if (from == null) {
        diagram.append("    Note over ").append(to).append(": ").append(label).append('\n');
      } else {
        diagram.append("    ").append(from).append("->>").append(to).append(": ").append(label).append('\n');
      }
      from = to;
    }
    return diagram.toString();
  }

  /** Mermaid ends a label at a line break or a semicolon and reads '#' as an entity. */
  private static String escape(String text) {
    return text.replace('\n', ' ').replace(";", ",").replace("#", "");
  }
}
