package io.rillflow.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.rillflow.events.Checkpoint;
import io.rillflow.subscriptions.PendingEvent;
import io.rillflow.subscriptions.PendingEvents;
import io.rillflow.subscriptions.Subscriptions;
import io.rillflow.subscriptions.SubscriptionOptions;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code subscriptions tail NAME [--group G] [--limit N] [--follow]}: the events a consumer group gets
 * next ({@link Subscriptions#pending}), as stored: type, stream, version and the raw JSON data. It takes
 * no partition and acknowledges nothing, and decodes nothing, so the standalone jar runs it without the
 * application's classes and an event it cannot read is printed, never parked. With {@code --follow} it
 * then prints each new event as it passes the safe point, until stopped (SIGTERM, Ctrl-C); with
 * {@code --json} every event is then one compact JSON object on a line of its own.
 */
@Command(name = "tail", mixinStandardHelpOptions = true,
    description = "Prints the events a consumer group gets next, without acknowledging them")
final class SubscriptionTailCommand implements Callable<Integer> {
  private static final long FOLLOW_POLL_MILLIS = 500;

  @ParentCommand
  SubscriptionsCommand parent;

  @Parameters(paramLabel = "NAME")
  String name;

  @Option(names = "--group", paramLabel = "GROUP", description = "The consumer group (default ${DEFAULT-VALUE})")
  String group = SubscriptionOptions.DEFAULT_GROUP;

  @Option(names = "--limit", paramLabel = "N", description = "At most N events (default ${DEFAULT-VALUE}; with"
      + " --follow, the first read)")
  int limit = 20;

  @Option(names = "--follow", description = "Then print new events as they come, until stopped")
  boolean follow;

  @Override
  public Integer call() throws InterruptedException {
    if (limit < 1) {
      throw new IllegalArgumentException("--limit must be at least 1, but was " + limit);
    }
    parent.existing(name);
    Output output = parent.root.output();
    Subscriptions subscriptions = parent.subscriptions();
    PendingEvents read = subscriptions.pending(name, group, null, limit);
    if (!follow) {
      output.print(Output.fields("subscription", name, "group", group, "events",
          read.events().stream().map(SubscriptionTailCommand::json).toList(),
          "readToPosition", read.readTo().position(), "readToTransactionId", read.readTo().transactionId()), () -> {
            TextTable table = new TextTable("POSITION", "PARTITION", "STREAM", "VERSION", "TYPE", "SCHEMA_VERSION",
                "DATA");
            read.events().forEach(e -> table.row(e.position(), e.partition(), e.streamId(), e.version(), e.type(),
                e.schemaVersion(), e.data()));
            return table;
          });
      return ExitCodes.OK;
    }
    Checkpoint after = print(output, read);
    while (!Thread.currentThread().isInterrupted()) {
      Thread.sleep(FOLLOW_POLL_MILLIS);
      after = print(output, subscriptions.pending(name, group, after, 500));
    }
    return ExitCodes.OK;
  }

  /** One line per event (a JSON object with {@code --json}); where the read got to. */
  private static Checkpoint print(Output output, PendingEvents read) {
    for (PendingEvent event : read.events()) {
      if (output.isJson()) {
        try {
          output.out().println(Output.JSON.writeValueAsString(json(event)));
        } catch (JsonProcessingException e) {
          throw new IllegalStateException("Cannot write the event as JSON: " + e.getOriginalMessage(), e);
        }
      } else {
        output.out().println(event.position() + "  " + event.streamId() + "@" + event.version() + "  " + event.type()
            + "  " + event.data());
      }
    }
    output.out().flush();
    return read.readTo();
  }

  private static Map<String, Object> json(PendingEvent event) {
    return Output.fields("position", event.position(), "transactionId", event.checkpoint().transactionId(),
        "partition", event.partition(), "streamId", event.streamId(), "version", event.version(), "type", event.type(),
        "schemaVersion", event.schemaVersion(), "data", data(event.data()));
  }

  /** The stored JSON as JSON, not as a string holding it. */
  private static JsonNode data(String stored) {
    try {
      return Output.JSON.readTree(stored);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("An event's data is not JSON: " + e.getOriginalMessage(), e);
    }
  }
}
