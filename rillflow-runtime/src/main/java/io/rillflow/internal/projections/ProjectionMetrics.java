package io.rillflow.internal.projections;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One async projection's meters, tagged {@code projection=<name>}: events applied, failures (each
 * failed try), dead letters, batch time, and lag (events stored after the checkpoint, as of the last
 * batch). With the store's default registry (an empty composite) they cost next to nothing.
 */
final class ProjectionMetrics {
  final Counter applied;
  final Counter failures;
  final Counter deadLetters;
  final Timer batches;
  final AtomicLong lag = new AtomicLong();

  ProjectionMetrics(MeterRegistry registry, String projection) {
    applied = Counter.builder("rillflow.projection.events.applied").tag("projection", projection)
        .description("Events applied to the projection").register(registry);
    failures = Counter.builder("rillflow.projection.failures").tag("projection", projection)
        .description("Failed tries to apply an event").register(registry);
    deadLetters = Counter.builder("rillflow.projection.dead.letters").tag("projection", projection)
        .description("Events given up on").register(registry);
    batches = Timer.builder("rillflow.projection.batch").tag("projection", projection)
        .description("Time to read, apply and commit one batch").register(registry);
    Gauge.builder("rillflow.projection.lag", lag, AtomicLong::get).tag("projection", projection)
        .description("Events stored after the checkpoint, as of the last batch").register(registry);
  }
}
