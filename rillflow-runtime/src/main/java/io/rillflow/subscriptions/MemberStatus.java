package io.rillflow.subscriptions;

import java.time.Instant;
import java.util.List;

/**
 * One live member of a consumer group.
 *
 * @param memberId its id
 * @param partitions the partitions it holds
 * @param lag the highest lag of its partitions
 * @param aliveUntil when its heartbeat runs out (the database's clock)
 */
public record MemberStatus(String memberId, List<Integer> partitions, long lag, Instant aliveUntil) {

  /** Copies the list. */
  public MemberStatus {
    partitions = List.copyOf(partitions);
  }
}
