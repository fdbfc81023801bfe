package io.rillflow.benchmarks;

/**
 * What the event store benchmarks share beyond {@link DocumentBench}'s store on a schema of its own:
 * the raw baseline on Rillflow's event tables ({@link RawEvents}) and the peer, Axon's JDBC event
 * storage engine with its tables in the same schema ({@link AxonEvents}), both on the store's pool;
 * and the simplest hand-written event table ({@link SimpleEvents}). Methods are named
 * {@code <operation>_rillflow}, {@code <operation>_raw} and {@code <operation>_axon}; where the raw side
 * is the simple table, {@code <operation>_rawsql} is the baseline on Rillflow's own SQL.
 */
public abstract class EventBench extends DocumentBench {
  protected RawEvents rawEvents;
  protected AxonEvents axon;
  protected SimpleEvents simpleEvents;

  @Override
  protected final void prepare() throws Exception {
    rawEvents = new RawEvents(store.dataSource(), schema());
    axon = new AxonEvents(store.dataSource(), schema());
    simpleEvents = new SimpleEvents(store.dataSource(), schema());
    prepareEvents();
  }

  /** Writes the events a read benchmark needs; runs once per trial, after the store and Axon's tables exist. */
  protected void prepareEvents() throws Exception {}
}
