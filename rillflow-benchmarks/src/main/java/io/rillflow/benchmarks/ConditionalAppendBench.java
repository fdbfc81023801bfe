package io.rillflow.benchmarks;

import io.rillflow.events.AppendCondition;
import io.rillflow.events.AppendResult;
import io.rillflow.events.EventQuery;
import io.rillflow.events.ExpectedVersion;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * Dynamic Consistency Boundaries: one event per append to a new stream, each in a run of its own
 * against the same store and schema.
 * <ul>
 *   <li>{@code plainAppend_rillflow}: an untagged event, {@code append(id, noStream(), e)}: one
 *       auto-commit statement (the baseline every other line is compared with).</li>
 *   <li>{@code taggedAppend_rillflow}: a tagged event without condition: a transaction with the
 *       shared locks of its tags, the append statement, the tag rows.</li>
 *   <li>{@code conditionalAppend_rillflow}: the same event under
 *       {@code failIfEventsMatch(show).after(START)}, each append a show of its own (no conflict):
 *       adds the exclusive lock and the check.</li>
 *   <li>{@code conditionalAppend_raw}: the same work by hand in one transaction (lock, check,
 *       stream row, event, tags).</li>
 * </ul>
 */
public class ConditionalAppendBench extends EventBench {
  private final AtomicLong next = new AtomicLong();
  private RawConditionalAppends rawConditional;

  @Override
  protected String schema() {
    return "bench_conditional_append";
  }

  @Override
  protected void prepareEvents() {
    rawConditional = new RawConditionalAppends(store.dataSource(), schema());
  }

  @Benchmark
  public AppendResult plainAppend_rillflow() {
    return store.events().append(UUID.randomUUID(), ExpectedVersion.noStream(), new BenchTick("k", 1));
  }

  @Benchmark
  public AppendResult taggedAppend_rillflow() {
    long n = next.incrementAndGet();
    return store.events().append(UUID.randomUUID(), ExpectedVersion.noStream(), new BenchSeatTaken("t" + n, "a1"));
  }

  @Benchmark
  public AppendResult conditionalAppend_rillflow() {
    String show = "c" + next.incrementAndGet();
    AppendCondition condition = AppendCondition.failIfEventsMatch(EventQuery.anyOf(
        EventQuery.item().types(BenchSeatTaken.class).tag("show", show)));
    return store.events().append(condition, new BenchSeatTaken(show, "a1"));
  }

  @Benchmark
  public long conditionalAppend_raw() throws Exception {
    String show = "r" + next.incrementAndGet();
    return rawConditional.append(UUID.randomUUID().toString(), new BenchSeatTaken(show, "a1"));
  }
}
