package io.rillflow;

import io.rillflow.events.AppendOptions;
import io.rillflow.events.ExpectedVersion;
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
 * projections), rendered as a Mermaid sequence diagram. Each store has its own
 * ({@link DocumentStore#trace()}), so two stores in one JVM keep separate breadcrumbs. Off by
 * default; when off, {@link #record} returns after reading one volatile flag. The store records its
 * own steps (appends, projection applies) under the append's correlation id, so use the request's
 * trace id as the correlation id.
 *
 * <pre>{@code
 * Trace trace = store.trace();
 * trace.enable();
 * trace.record(traceId, "POST /orders", "HTTP", "place order");
 * trace.record(traceId, "PlaceOrder", "OrderService", "order " + orderId);
 * store.events().append(orderId, ExpectedVersion.noStream(),
 *     AppendOptions.builder().correlationId(traceId).build(), placed);
 * System.out.println(trace.mermaid(traceId));
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

  private volatile boolean enabled;
  private final Map<String, Deque<Step>> traces = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Deque<Step>> eldest) {
      return size() > MAX_TRACES;
    }
  };

  /** An empty trace store, off; a {@link DocumentStore} makes its own. */
  public Trace() {}

  /** Starts keeping breadcrumbs. */
  public void enable() {
    enabled = true;
  }

  /** Stops keeping breadcrumbs and forgets those kept. */
  public void disable() {
    enabled = false;
    synchronized (traces) {
      traces.clear();
    }
  }

  /** Whether breadcrumbs are kept. */
  public boolean isEnabled() {
    return enabled;
  }

  /** Keeps a breadcrumb when tracing is enabled and {@code traceId} is not {@code null}; else does nothing. */
  public void record(String traceId, String kind, String component, String data) {
    if (!enabled || traceId == null) {
      return;
    }
    Step step = new Step(Instant.now(), Objects.requireNonNull(kind, "kind"),
        Objects.requireNonNull(component, "component"), data == null ? "" : data);
    synchronized (traces) {
      Deque<Step> steps = traces.computeIfAbsent(traceId, id -> new ArrayDeque<>());
      if (steps.size() == MAX_STEPS) {
        steps.removeFirst();
      }
      steps.addLast(step);
    }
  }

  /** The trace's breadcrumbs, oldest first; empty when none are kept. */
  public List<Step> steps(String traceId) {
    synchronized (traces) {
      Deque<Step> steps = traces.get(traceId);
      return steps == null ? List.of() : List.copyOf(steps);
    }
  }

  /**
   * The trace as a Mermaid sequence diagram: one participant per component, in order of first
   * appearance, and one arrow per step from the component of the step before.
   */
  public String mermaid(String traceId) {
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
