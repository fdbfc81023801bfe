package io.rillflow.internal.projections;

import io.rillflow.RillflowException;
import io.rillflow.events.Checkpoint;
import io.rillflow.internal.events.DefaultEventStore;
import io.rillflow.internal.events.GlobalRow;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The daemon's global reads, shared between its projections: projections at the same checkpoint get
 * one read of the batch after it (one query, each row decoded once), whoever asks first reading it
 * and the others waiting for it or finding it done. A projection at another checkpoint reads alone.
 *
 * <p><b>Algorithm.</b> Batches are kept by the checkpoint they follow, for one <em>generation</em>:
 * a pass of the background loop or one {@code runUntilIdle()}. A batch is a page of rows below a safe
 * point; a later read after the same checkpoint returns the same rows when the page was full (rows of
 * later tickets sort after every row below the safe point), but more when it was short. So a batch is
 * reused only within its generation, where a read a moment older is what the projection would have
 * got by reading alone a moment earlier, and never across generations, where it would hide events
 * committed since, or bring back events of a stream deleted since.
 *
 * <p><b>Rejoining.</b> A projection that fell behind (reset, a failing event waited out) reads alone.
 * Its batch is cut after the row that another read of this generation starts from: its next read is
 * then that read, done or under way, and from there it goes on with the others. Its batch is shorter
 * by the cut, not longer, so it never applies more than a batch in one transaction.
 *
 * <p><b>Hazards.</b> Projections sharing a batch get the same event objects, on different threads: an
 * event must not be changed by the projection it is given to (events are values). The cache holds at
 * most {@code capacity} batches of one generation; a projection more than that many batches behind a
 * read finds it gone and reads again.
 */
final class SharedReads {
  private final DefaultEventStore events;
  private final int batchSize;
  private final int capacity;
  /** This generation's batches by the checkpoint they follow, oldest first; guarded by {@code this}. */
  private final Map<Checkpoint, CompletableFuture<List<GlobalRow>>> batches = new LinkedHashMap<>();

  /** One projection's next batch. */
  record Batch(List<GlobalRow> rows, boolean cut) {
    /** Whether the read came back short and uncut: there was nothing more below its safe point. */
    boolean atSafePoint(int batchSize) {
      return !cut && rows.size() < batchSize;
    }
  }

  SharedReads(DefaultEventStore events, int batchSize, int capacity) {
    this.events = events;
    this.batchSize = batchSize;
    this.capacity = Math.max(2, capacity);
  }

  /** Starts a generation: no batch read before now is handed out again. */
  synchronized void newGeneration() {
    batches.clear();
  }

  /** The batch after {@code after}: read now, being read by another projection, or read earlier in this generation. */
  Batch after(Checkpoint after) {
    CompletableFuture<List<GlobalRow>> shared;
    boolean mine = false;
    synchronized (this) {
      shared = batches.get(after);
      if (shared == null) {
        shared = new CompletableFuture<>();
        batches.put(after, shared);
        mine = true;
        evictBeyondCapacity();
      }
    }
    if (mine) {
      try {
        List<GlobalRow> rows = events.readRows(after, batchSize);
        shared.complete(rows);
      } catch (RuntimeException | Error e) {
        // Whoever waits gets the failure; the next ask reads again.
        shared.completeExceptionally(e);
        synchronized (this) {
          batches.remove(after, shared);
        }
        throw e;
      }
    }
    return cutAtAnotherRead(after, join(shared));
  }

  private void evictBeyondCapacity() {
    Iterator<CompletableFuture<List<GlobalRow>>> oldest = batches.values().iterator();
    while (batches.size() > capacity && oldest.hasNext()) {
      oldest.next();
      oldest.remove();
    }
  }

  /** The rows up to and with the first one another read of this generation starts after. */
  private synchronized Batch cutAtAnotherRead(Checkpoint after, List<GlobalRow> rows) {
    if (batches.size() > 1) {
      // The last row is not looked at: cutting there would change nothing.
      for (int i = 0; i < rows.size() - 1; i++) {
        Checkpoint at = rows.get(i).checkpoint();
        if (!at.equals(after) && batches.containsKey(at)) {
          return new Batch(rows.subList(0, i + 1), true);
        }
      }
    }
    return new Batch(rows, false);
  }

  private static List<GlobalRow> join(CompletableFuture<List<GlobalRow>> shared) {
    try {
      return shared.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new RillflowException("A shared projection read failed: " + e.getCause(), e.getCause());
    }
  }
}
