package io.rillflow.internal.projections;

import java.nio.charset.StandardCharsets;
import java.util.Collection;

/**
 * Which live node runs a projection in distributed mode: rendezvous (highest random weight) hashing.
 * Every node scores each (node, projection) pair with the same hash and the highest score wins, so
 * nodes that see the same live set agree without talking, and when a node comes or goes only the
 * projections it wins or held move (about 1/n of them), not a reshuffle of all.
 *
 * <p>Hazard: nodes whose views of the live set differ (one has just seen a node die, another not) may
 * both think they own a projection, or neither. That is safe, not wrong: the projection's lease decides
 * who commits, and the views agree again within a heartbeat.
 */
final class Rendezvous {
  private Rendezvous() {}

  /** The node of {@code nodes} that runs {@code projection}; {@code null} when there are none. */
  static String owner(String projection, Collection<String> nodes) {
    String best = null;
    long bestScore = 0;
    for (String node : nodes) {
      long score = hash(node, projection);
      if (best == null || Long.compareUnsigned(score, bestScore) > 0
          || (score == bestScore && node.compareTo(best) < 0)) {
        best = node;
        bestScore = score;
      }
    }
    return best;
  }

  /** FNV-1a 64 over both strings' UTF-8 (a zero byte between), then MurmurHash3's finalizer to spread it. */
  static long hash(String first, String second) {
    long h = 0xcbf29ce484222325L;
    for (byte b : first.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ (b & 0xff)) * 0x100000001b3L;
    }
    h *= 0x100000001b3L;
    for (byte b : second.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ (b & 0xff)) * 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb93fe53e87d5L;
    h ^= h >>> 33;
    return h;
  }
}
