package io.rillflow.internal.events;

import io.rillflow.QuerySession;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What lookup upcasts (an {@code @Upcast} method taking a {@link QuerySession}: the RillFlow
 * README's async upcasters) need when a read meets an old event: a read-only session of the store to
 * look things up in, and, per read, a cache of their results per (type, version, row).
 *
 * <p>The cache lives as long as one read ({@link #newRead()}): a read never serves what another
 * read looked up, so an event always shows what its lookups find now, and positions reused after a
 * {@code TRUNCATE ... RESTART IDENTITY} (as test suites do) can never mix two rows up. It is bounded
 * (least recently used rows leave first), so a cursor over millions of old events holds little.
 */
final class UpcastLookups {
  /** For stores built without a session source (tests of the event store alone): a lookup upcast fails the read. */
  static final UpcastLookups NONE = new UpcastLookups(() -> {
    throw new IllegalStateException("this event store has no query session for lookup upcasts");
  });
  /** How many rows' results one read keeps. */
  private static final int ROWS_PER_READ = 1_000;

  private final Supplier<QuerySession> sessions;

  UpcastLookups(Supplier<QuerySession> sessions) {
    this.sessions = sessions;
  }

  /** The lookups of one read. Not thread-safe, like the read. */
  Read newRead() {
    return new Read();
  }

  /** One read's cache; the map is made when the read meets its first row that needs a lookup. */
  final class Read {
    private Map<Key, Object> results;

    private Read() {}

    /** The upcast of one row: cached in this read, or computed by {@code upcast} with a read-only session. */
    Object upcast(String type, int version, long position, Function<QuerySession, Object> upcast) {
      Key key = new Key(type, version, position);
      if (results == null) {
        results = new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Key, Object> eldest) {
            return size() > ROWS_PER_READ;
          }
        };
      }
      Object cached = results.get(key);
      if (cached != null) {
        return cached;
      }
      Object result;
      try (QuerySession session = sessions.get()) {
        result = upcast.apply(session);
      }
      results.put(key, result);
      return result;
    }
  }

  private record Key(String type, int version, long position) {}
}
