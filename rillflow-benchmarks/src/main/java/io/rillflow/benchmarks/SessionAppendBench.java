package io.rillflow.benchmarks;

import io.rillflow.DocumentSession;
import io.rillflow.events.ExpectedVersion;
import java.util.List;
import java.util.UUID;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * One event appended to a new stream inside a session's {@code saveChanges()} with nothing else to
 * write: Rillflow's lightweight session against the same append by hand on the simplest event table
 * ({@link SimpleEvents}: one insert, its primary key the version check) and against Rillflow's own
 * append statement replayed with plain JDBC ({@code _rawsql}). Each call writes a new stream, so the
 * tables grow the same way on every side.
 */
public class SessionAppendBench extends EventBench {
  private SampleEvents sample;

  @Override
  protected String schema() {
    return "bench_session_append";
  }

  @Override
  protected void prepareEvents() {
    sample = new SampleEvents(11);
  }

  @Benchmark
  public UUID sessionAppend_rillflow() {
    UUID stream = UUID.randomUUID();
    try (DocumentSession session = store.lightweightSession()) {
      session.events().append(stream, ExpectedVersion.noStream(), sample.next(stream));
      session.saveChanges();
    }
    return stream;
  }

  @Benchmark
  public UUID sessionAppend_raw() throws Exception {
    UUID stream = UUID.randomUUID();
    simpleEvents.append(stream.toString(), 0, List.of(sample.next(stream)));
    return stream;
  }

  @Benchmark
  public UUID sessionAppend_rawsql() throws Exception {
    UUID stream = UUID.randomUUID();
    rawEvents.appendNew(stream.toString(), List.of(sample.next(stream)));
    return stream;
  }
}
