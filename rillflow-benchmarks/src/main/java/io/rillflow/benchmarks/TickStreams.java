package io.rillflow.benchmarks;

import io.rillflow.DocumentStore;
import io.rillflow.events.AppendOptions;
import io.rillflow.events.ExpectedVersion;
import java.util.ArrayList;
import java.util.List;

/**
 * The global-order benchmarks' events: {@link BenchTick}s over 100 keys, a stream per thousand (as an
 * application's streams would share the global order), each stream appended in one call.
 */
final class TickStreams {
  private TickStreams() {}

  /**
   * A store in {@code schema}, made anew (the schema dropped first), holding {@code events} ticks
   * appended with {@code options}, its events table vacuumed and analysed: the trial's starting point.
   */
  static DocumentStore filledStore(String schema, int events, AppendOptions options) throws java.sql.SQLException {
    BenchStores.checkName(schema);
    BenchStores.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
    DocumentStore store = DocumentStore.builder().url(BenchDatabase.url()).schema(schema).readModels(false).build();
    append(store, events, options);
    BenchStores.execute("VACUUM ANALYZE \"" + schema + "\".rf_events");
    return store;
  }

  /** Appends {@code events} ticks, streams {@code s0}, {@code s1000}, ... each with {@code options}. */
  static void append(DocumentStore store, int events, AppendOptions options) {
    for (int from = 0; from < events; from += 1_000) {
      List<BenchTick> ticks = new ArrayList<>();
      for (int i = from; i < Math.min(from + 1_000, events); i++) {
        ticks.add(new BenchTick("k" + (i % 100), i));
      }
      store.events().append("s" + from, ExpectedVersion.noStream(), options, ticks);
    }
  }
}
