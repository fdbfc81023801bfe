package io.rillflow.internal.document;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then random bits. Ids made one after the
 * other sort near each other, so inserts land on the right edge of the primary key's B-tree instead
 * of on random pages, as random (version 4) UUIDs do.
 */
public final class TimeOrderedUuids {
  private TimeOrderedUuids() {}

  public static UUID next() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long millis = System.currentTimeMillis();
    long high = (millis << 16) | 0x7000L | (random.nextInt() & 0x0FFFL);
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low);
  }
}
