package io.rillflow.subscriptions;

import io.rillflow.events.Checkpoint;
import java.util.List;

/**
 * Where a consumer group stands: what {@code subscriptions group-status} prints.
 *
 * @param subscription the subscription's name
 * @param group the group's name
 * @param checkpoint the lowest checkpoint of its partitions: everything up to it is done
 * @param head the highest global position stored
 * @param lag events stored after {@code checkpoint} (of any type: an upper bound for a filtered subscription)
 * @param maxInFlight the group's bound on unacknowledged deliveries
 * @param members the live members
 * @param partitions every partition
 * @param parked how many events of the group are in the dead letters
 */
public record GroupStatus(String subscription, String group, Checkpoint checkpoint, long head, long lag,
    int maxInFlight, List<MemberStatus> members, List<PartitionStatus> partitions, long parked) {

  /** Copies the lists. */
  public GroupStatus {
    members = List.copyOf(members);
    partitions = List.copyOf(partitions);
  }
}
