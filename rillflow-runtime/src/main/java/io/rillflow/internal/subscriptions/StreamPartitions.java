package io.rillflow.internal.subscriptions;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Which partition a stream belongs to: CRC-32 of the stream id's UTF-8 bytes, modulo the
 * subscription's number of partitions. Stable across JVMs, versions and restarts (CRC-32 is fixed by
 * its polynomial, unlike {@code String.hashCode} contracts or PostgreSQL's {@code hashtext}), so every
 * member of a group agrees on it, and a stream's events always meet the same partition: per-stream
 * order follows from the partition's global order.
 */
final class StreamPartitions {
  private StreamPartitions() {}

  static int of(String streamId, int partitions) {
    CRC32 crc = new CRC32();
    crc.update(streamId.getBytes(StandardCharsets.UTF_8));
    return (int) (crc.getValue() % partitions);
  }
}
