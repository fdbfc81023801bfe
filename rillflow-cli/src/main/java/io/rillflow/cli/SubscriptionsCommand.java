package io.rillflow.cli;

import io.rillflow.events.Checkpoint;
import io.rillflow.subscriptions.GroupStatus;
import io.rillflow.subscriptions.MemberStatus;
import io.rillflow.subscriptions.ParkedEvent;
import io.rillflow.subscriptions.PartitionStatus;
import io.rillflow.subscriptions.SubscriptionFilter;
import io.rillflow.subscriptions.SubscriptionInfo;
import io.rillflow.subscriptions.SubscriptionStart;
import io.rillflow.subscriptions.Subscriptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.ParentCommand;

/**
 * {@code subscriptions ...}: the store's subscriptions ({@link Subscriptions}), their consumer groups
 * and parked events. Every command works from the database's rows alone, so the standalone jar runs
 * them all; consuming stays with the application.
 */
@Command(name = "subscriptions", mixinStandardHelpOptions = true, subcommands = SubscriptionTailCommand.class,
    description = "Subscriptions, their consumer groups and parked events")
final class SubscriptionsCommand {
  @ParentCommand
  RootCommand root;

  /** Whose subscriptions: on a store with tenancy they are each tenant's, kept with its events. */
  @Option(names = "--tenant", paramLabel = "ID", scope = ScopeType.INHERIT,
      description = "The tenant whose subscriptions these are (stores with --tenancy); a tenant's subscriptions deliver"
          + " only its events")
  String tenant;

  @Command(name = "list", description = "Every subscription with its filter and partitions")
  void list() {
    List<SubscriptionInfo> all = subscriptions().list();
    root.output().print(Map.of("subscriptions", all.stream().map(SubscriptionsCommand::infoJson).toList()), () -> {
      TextTable table = new TextTable("NAME", "EVENT_TYPES", "STREAM_TYPES", "TENANT", "START", "PARTITIONS", "CREATED");
      all.forEach(s -> table.row(s.name(), any(s.filter().eventTypes()), any(s.filter().streamTypes()),
          s.filter().tenant(), s.filter().start(), s.partitions(), s.createdAt()));
      return table;
    });
  }

  private static Object any(java.util.Set<String> names) {
    return names.isEmpty() ? "*" : String.join(",", new java.util.TreeSet<>(names));
  }

  private static Map<String, Object> infoJson(SubscriptionInfo s) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", s.name());
    json.put("eventTypes", s.filter().eventTypes().stream().sorted().toList());
    json.put("streamTypes", s.filter().streamTypes().stream().sorted().toList());
    json.put("tenant", s.filter().tenant());
    Checkpoint start = s.filter().start().checkpoint();
    json.put("startPosition", start == null ? null : start.position());
    json.put("startTransactionId", start == null ? null : start.transactionId());
    json.put("partitions", s.partitions());
    json.put("createdAt", s.createdAt() == null ? null : s.createdAt().toString());
    return json;
  }

  @Command(name = "create", description = "Creates a subscription unless one of that name exists")
  void create(@Parameters(paramLabel = "NAME") String name,
      @Option(names = "--event-type", paramLabel = "TYPE", description = "Deliver only this stored event type (repeatable)")
      List<String> eventTypes,
      @Option(names = "--stream-type", paramLabel = "TYPE", description = "Deliver only from streams of this type (repeatable)")
      List<String> streamTypes,
      @Option(names = "--start-from", paramLabel = "beginning|now|POSITION", defaultValue = "beginning",
          description = "Where it begins: the first event, after the events stored now, or after a global position"
              + " (with --start-transaction-id; default ${DEFAULT-VALUE})") String startFrom,
      @Option(names = "--start-transaction-id", defaultValue = "0",
          description = "The transaction id of --start-from POSITION (see streams show --json)") long startTransactionId,
      @Option(names = "--partitions", defaultValue = "" + Subscriptions.DEFAULT_PARTITIONS,
          description = "Partitions its groups split streams into, 1 to 1024 (default ${DEFAULT-VALUE})") int partitions) {
    SubscriptionFilter filter = SubscriptionFilter.allEvents()
        .eventTypes(eventTypes == null ? new String[0] : eventTypes.toArray(String[]::new))
        .streamTypes(streamTypes == null ? new String[0] : streamTypes.toArray(String[]::new))
        .startAt(start(startFrom, startTransactionId));
    boolean created = subscriptions().create(name, filter, partitions);
    root.output().message(Output.fields("subscription", name, "created", created), created
        ? "Subscription " + name + " created." : "Subscription " + name + " exists; left as it was.");
  }

  private static SubscriptionStart start(String text, long transactionId) {
    if (text.equals("beginning")) {
      return SubscriptionStart.beginning();
    } else if (text.equals("now")) {
      return SubscriptionStart.now();
    }
    try {
      return SubscriptionStart.after(new Checkpoint(transactionId, Long.parseLong(text)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--start-from must be beginning, now or a global position, but was " + text, e);
    }
  }

  @Command(name = "delete", description = "Deletes a subscription with its groups' checkpoints and parked events")
  void delete(@Parameters(paramLabel = "NAME") String name) {
    if (!subscriptions().delete(name)) {
      throw missing(name);
    }
    root.output().message(Output.fields("subscription", name, "deleted", true), "Subscription " + name + " deleted.");
  }

  @Command(name = "groups", description = "The subscription's consumer groups")
  void groups(@Parameters(paramLabel = "NAME") String name) {
    existing(name);
    List<String> groups = subscriptions().groups(name);
    root.output().print(Output.fields("subscription", name, "groups", groups), () -> {
      TextTable table = new TextTable("GROUP");
      groups.forEach(table::row);
      return table;
    });
  }

  @Command(name = "status", aliases = "group-status",
      description = "Checkpoint, head and lag of each group, member and partition")
  void status(@Parameters(paramLabel = "NAME") String name,
      @Option(names = "--group", paramLabel = "GROUP", description = "One group (default: every group)") String group) {
    existing(name);
    List<String> groups = group != null ? List.of(group) : subscriptions().groups(name);
    List<GroupStatus> statuses = new ArrayList<>();
    for (String g : groups) {
      if (group != null) {
        requireGroup(name, g);
      }
      statuses.add(subscriptions().groupStatus(name, g));
    }
    root.output().print(Output.fields("subscription", name,
        "groups", statuses.stream().map(SubscriptionsCommand::statusJson).toList()), () -> {
          TextTable table = new TextTable("GROUP", "MEMBER", "PARTITION", "POSITION", "HEAD", "LAG", "EPOCH",
              "MAX_IN_FLIGHT", "PARKED", "LEASE_UNTIL");
          for (GroupStatus s : statuses) {
            table.row(s.group(), "*", "*", s.checkpoint().position(), s.head(), s.lag(), null, s.maxInFlight(),
                s.parked(), null);
            for (MemberStatus m : s.members()) {
              table.row(s.group(), m.memberId(), m.partitions().size() + " held", null, s.head(), m.lag(), null, null,
                  null, m.aliveUntil());
            }
            for (PartitionStatus p : s.partitions()) {
              table.row(s.group(), p.owner(), p.partition(), p.checkpoint().position(), s.head(), p.lag(), p.epoch(),
                  null, null, p.leaseUntil());
            }
          }
          return table;
        });
  }

  private static Map<String, Object> statusJson(GroupStatus s) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("group", s.group());
    json.put("position", s.checkpoint().position());
    json.put("transactionId", s.checkpoint().transactionId());
    json.put("head", s.head());
    json.put("lag", s.lag());
    json.put("maxInFlight", s.maxInFlight());
    json.put("parked", s.parked());
    json.put("members", s.members().stream().map(m -> Output.fields("memberId", m.memberId(),
        "partitions", m.partitions(), "lag", m.lag(), "aliveUntil", text(m.aliveUntil()))).toList());
    json.put("partitions", s.partitions().stream().map(p -> Output.fields("partition", p.partition(),
        "position", p.checkpoint().position(), "transactionId", p.checkpoint().transactionId(), "owner", p.owner(),
        "epoch", p.epoch(), "leaseUntil", text(p.leaseUntil()), "lag", p.lag())).toList());
    return json;
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }

  @Command(name = "set-max-in-flight", aliases = "set-group-max-in-flight",
      description = "The group's bound on unacknowledged deliveries; members apply it within a lease renewal")
  void setMaxInFlight(@Parameters(paramLabel = "NAME") String name,
      @Option(names = "--group", required = true, paramLabel = "GROUP") String group,
      @Option(names = "--value", defaultValue = "0", description = "The bound; 0 or absent puts the default back")
      int value) {
    if (value < 0) {
      throw new IllegalArgumentException("--value must be 0 or more, but was " + value);
    }
    requireGroup(name, group);
    subscriptions().setMaxInFlight(name, group, value);
    root.output().message(Output.fields("subscription", name, "group", group, "maxInFlight", value),
        "Group " + group + " of " + name + ": max in flight " + (value == 0 ? "back to the default" : value) + ".");
  }

  @Command(name = "seek", description = "Moves every partition of the group to a checkpoint (replay or skip),"
      + " fencing off the members that held them")
  void seek(@Parameters(paramLabel = "NAME") String name,
      @Option(names = "--group", required = true, paramLabel = "GROUP") String group,
      @Option(names = "--position", defaultValue = "0", description = "Global position of the last event done"
          + " (default ${DEFAULT-VALUE}: replay everything)") long position,
      @Option(names = "--transaction-id", defaultValue = "0", description = "Its transaction id (see streams show --json)")
      long transactionId) {
    requireGroup(name, group);
    subscriptions().seek(name, group, new Checkpoint(transactionId, position));
    root.output().message(Output.fields("subscription", name, "group", group, "position", position,
        "transactionId", transactionId), "Group " + group + " of " + name + " moved to position " + position + ".");
  }

  @Command(name = "parked", description = "The events a group gave up on, oldest first")
  void parked(@Parameters(paramLabel = "NAME") String name,
      @Option(names = "--group", required = true, paramLabel = "GROUP") String group) {
    requireGroup(name, group);
    List<ParkedEvent> parked = subscriptions().parked(name, group);
    root.output().print(Map.of("parked", parked.stream().map(SubscriptionsCommand::parkedJson).toList()), () -> {
      TextTable table = new TextTable("ID", "POSITION", "STREAM", "VERSION", "TYPE", "ATTEMPTS", "REQUEUED", "ERROR");
      parked.forEach(p -> table.row(p.id(), p.position(), p.streamId(), p.version(), p.type(), p.attempts(),
          p.requeued(), p.error()));
      return table;
    });
  }

  private static Map<String, Object> parkedJson(ParkedEvent p) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", p.id());
    json.put("subscription", p.subscription());
    json.put("group", p.group());
    json.put("position", p.position());
    json.put("transactionId", p.checkpoint().transactionId());
    json.put("streamId", p.streamId());
    json.put("version", p.version());
    json.put("type", p.type());
    json.put("schemaVersion", p.schemaVersion());
    json.put("attempts", p.attempts());
    json.put("error", p.error());
    json.put("requeued", p.requeued());
    json.put("createdAt", text(p.createdAt()));
    return json;
  }

  @Command(name = "requeue", description = "Asks the group to deliver a parked event again")
  void requeue(@Parameters(paramLabel = "ID") long id) {
    if (!subscriptions().requeue(id)) {
      throw new NotFoundException("No parked event has id " + id);
    }
    root.output().message(Map.of("requeued", id), "Parked event " + id + " requeued.");
  }

  @Command(name = "delete-parked", description = "Forgets a parked event; it stays undelivered")
  void deleteParked(@Parameters(paramLabel = "ID") long id) {
    if (!subscriptions().deleteParked(id)) {
      throw new NotFoundException("No parked event has id " + id);
    }
    root.output().message(Map.of("deleted", id), "Parked event " + id + " deleted.");
  }

  SubscriptionInfo existing(String name) {
    return subscriptions().find(name).orElseThrow(() -> missing(name));
  }

  private NotFoundException missing(String name) {
    return new NotFoundException("No subscription is named \"" + name + "\"; there are "
        + subscriptions().list().stream().map(SubscriptionInfo::name).toList());
  }

  /** An unknown subscription or group is not found (exit 3), not a usage error. */
  private void requireGroup(String name, String group) {
    existing(name);
    List<String> groups = subscriptions().groups(name);
    if (!groups.contains(group)) {
      throw new NotFoundException("Subscription " + name + " has no group \"" + group + "\"; its groups: " + groups);
    }
  }

  Subscriptions subscriptions() {
    if (tenant == null) {
      return root.store().subscriptions();
    }
    try {
      root.tenants();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--tenant " + tenant + ": " + e.getMessage(), e);
    }
    return root.store().forTenant(tenant).subscriptions();
  }
}
