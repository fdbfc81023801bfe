package io.rillflow.internal.events;

import java.nio.charset.StandardCharsets;
import java.util.TreeMap;

/**
 * The advisory lock keys of one append, for Dynamic Consistency Boundaries: shared keys for the
 * events it writes, exclusive keys for the query its condition checks, chosen so that an event a
 * query item matches always shares a key with that item.
 *
 * <ul>
 *   <li>An event of type {@code T} with tag {@code t} takes {@code (T, t)} and {@code (*, t)} shared,
 *       for each of its tags.</li>
 *   <li>A condition item with tags {@code R} (never empty: see {@code AppendCondition}) takes, for
 *       {@code r} the least of {@code R}, {@code (s, r)} exclusive for each of its types {@code s}, or
 *       {@code (*, r)} when it names no type. An event the item matches has type {@code s} (or any)
 *       and carries {@code r}, so it holds one of those keys.</li>
 * </ul>
 *
 * Keys are 32-bit hashes of (schema, type, tag), and of (schema, tenant, type, tag) for a conjoined
 * tenant, so two tenants using one tag take different keys and do not wait for each other. Two keys
 * that collide only make two appends wait for each other needlessly, never let a conflict through.
 * Shared keys never wait for each other, so appends without conditions run in parallel; a key taken
 * both ways is taken exclusive.
 */
final class TagLocks {
  private static final String ANY = "*";
  /** Key to exclusive (true) or shared: sorted by key, the order every append takes them in. */
  private final TreeMap<Integer, Boolean> keys = new TreeMap<>();
  /** What every key of this store hashes first: the schema, and a conjoined store's tenant. */
  private final String[] scope;

  private TagLocks(String schema, String tenantId) {
    this.scope = tenantId == null ? new String[] {schema} : new String[] {schema, tenantId};
  }

  /** The keys of {@code request} in {@code schema}, for {@code tenantId} (null but for a conjoined tenant). */
  static TagLocks of(String schema, String tenantId, AppendRequest request, TaggedQuery condition) {
    TagLocks locks = new TagLocks(schema, tenantId);
    for (AppendRequest.Typed event : request.events()) {
      for (String tag : event.tags()) {
        locks.add(event.type().name(), tag, false);
        locks.add(ANY, tag, false);
      }
    }
    if (condition != null) {
      for (TaggedQuery.Item item : condition.items()) {
        String least = item.tags().stream().min(String::compareTo).orElseThrow();
        if (item.types().isEmpty()) {
          locks.add(ANY, least, true);
        }
        for (String type : item.types()) {
          locks.add(type, least, true);
        }
      }
    }
    return locks;
  }

  private void add(String type, String tag, boolean exclusive) {
    keys.merge(hash(type, tag), exclusive, Boolean::logicalOr);
  }

  boolean isEmpty() {
    return keys.isEmpty();
  }

  /** The keys, in the order to take them. */
  Integer[] keys() {
    return keys.keySet().toArray(new Integer[0]);
  }

  /** Whether each key of {@link #keys()} is taken exclusive. */
  Boolean[] exclusive() {
    return keys.values().toArray(new Boolean[0]);
  }

  /**
   * 64-bit FNV-1a over the scope, type and tag (NUL-separated), folded to 32 bits. A store without
   * tenants hashes exactly what it always did: an older version still running beside it takes the same keys.
   */
  private int hash(String type, String tag) {
    long hash = 0xcbf29ce484222325L;
    for (String part : scope) {
      hash = fold(hash, part);
    }
    hash = fold(fold(hash, type), tag);
    return (int) (hash ^ (hash >>> 32));
  }

  private static long fold(long hash, String part) {
    for (byte b : part.getBytes(StandardCharsets.UTF_8)) {
      hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
    }
    return (hash ^ 0) * 0x100000001b3L;
  }
}
