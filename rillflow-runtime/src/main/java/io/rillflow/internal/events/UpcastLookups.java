package io.rillflow.internal.events;

import io.rillflow.QuerySession;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What lookup upcasts (an {@code @Upcast} method taking a {@link QuerySession}: the RillFlow
 * README's async upcasters) need when a read meets an old event: a read-only session of the store to
 * look things up in, and a cache of their results per (type, version, row).
 *
 * <p>The cache is the store's, bounded (least recently used rows leave first), not one read's: a
 * stored row never changes, so the projection daemon's retries, an aggregate loaded again and a
 * stream read twice pay for a row's lookups once. The price: an event read again while cached shows
 * what its lookups found the first time, even if the documents changed since (like a snapshot of
 * the enrichment); a store restarted, or a row pushed out of the cache, looks again. Keys carry the
 * row's type and stored version beside its position, so an event read through two chains never
 * shares an entry. Thread-safe.
 */
final class UpcastLookups {
  /** For stores built without a session source (tests of the event store alone): a lookup upcast fails the read. */
  static final UpcastLookups NONE = new UpcastLookups(() -> {
    throw new IllegalStateException("this event store has no query session for lookup upcasts");
  }, 16);

  private record Key(String type, int version, long position) {}

  private final Supplier<QuerySession> sessions;
  private final Map<Key, Object> results;

  UpcastLookups(Supplier<QuerySession> sessions, int capacity) {
    this.sessions = sessions;
    this.results = new LinkedHashMap<>(64, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Key, Object> eldest) {
        return size() > capacity;
      }
    };
  }

  /** The upcast of one row: cached, or computed by {@code upcast} with a fresh read-only session. */
  Object upcast(String type, int version, long position, Function<QuerySession, Object> upcast) {
    Key key = new Key(type, version, position);
    synchronized (results) {
      Object cached = results.get(key);
      if (cached != null) {
        return cached;
      }
    }
    Object result;
    try (QuerySession session = sessions.get()) {
      result = upcast.apply(session);
    }
    synchronized (results) {
      results.put(key, result);
    }
    return result;
  }
}
