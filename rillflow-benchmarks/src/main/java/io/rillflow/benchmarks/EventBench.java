package io.rillflow.benchmarks;

import io.rillflow.events.EventStorage;
import org.openjdk.jmh.annotations.Param;

/**
 * What the event store benchmarks share beyond {@link DocumentBench}'s store on a schema of its own:
 * the raw baseline on Rillflow's event tables ({@link RawEvents}) and the peer, Axon's JDBC event
 * storage engine with its tables in the same schema ({@link AxonEvents}), both on the store's pool;
 * and the simplest hand-written event table ({@link SimpleEvents}). Methods are named
 * {@code <operation>_rillflow}, {@code <operation>_raw} and {@code <operation>_axon}; where the raw side
 * is the simple table, {@code <operation>_rawsql} is the baseline on Rillflow's own SQL.
 */
public abstract class EventBench extends DocumentBench {
  /**
   * Rillflow's event layout: {@code default} (text stream ids, type index) or {@code compact}
   * ({@link EventStorage#compact()}: uuid stream ids, no type index). The simple raw table is the same
   * in both; the replay of Rillflow's SQL follows the layout.
   */
  @Param({"default"})
  public String storage;
  protected RawEvents rawEvents;
  protected AxonEvents axon;
  protected SimpleEvents simpleEvents;

  @Override
  protected final void prepare() throws Exception {
    rawEvents = new RawEvents(store.dataSource(), schema(), compact());
    axon = new AxonEvents(store.dataSource(), schema());
    simpleEvents = new SimpleEvents(store.dataSource(), schema());
    prepareEvents();
  }

  @Override
  protected final EventStorage eventStorage() {
    return compact() ? EventStorage.compact() : EventStorage.DEFAULT;
  }

  private boolean compact() {
    if (!storage.equals("default") && !storage.equals("compact")) {
      throw new IllegalArgumentException("storage is default or compact, not " + storage);
    }
    return storage.equals("compact");
  }

  /** Writes the events a read benchmark needs; runs once per trial, after the store and Axon's tables exist. */
  protected void prepareEvents() throws Exception {}
}
