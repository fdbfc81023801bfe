package io.rillflow.cli;

import io.rillflow.events.EventEnvelope;
import io.rillflow.events.EventStore;
import io.rillflow.events.StreamAliases;
import io.rillflow.events.StreamState;
import io.rillflow.RillflowException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code streams show|resolve|archive|unarchive|tombstone}. Stream ids are typed as text; a UUID stream
 * and its text form name the same stream ({@link EventStore}).
 */
@Command(name = "streams", mixinStandardHelpOptions = true, description = "Event streams")
final class StreamsCommand {
  @ParentCommand
  RootCommand root;

  @Command(name = "show", description = "The stream's state and, with --events, its events")
  void show(@Parameters(paramLabel = "STREAM_ID") String streamId,
      @Option(names = "--events", description = "Also list the events (needs the application's event classes)") boolean events) {
    StreamState state = state(streamId);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("streamId", state.streamId());
    json.put("version", state.version());
    json.put("streamType", state.streamType());
    json.put("archived", state.archived());
    json.put("createdAt", state.createdAt() == null ? null : state.createdAt().toString());
    json.put("updatedAt", state.updatedAt() == null ? null : state.updatedAt().toString());
    List<EventEnvelope<?>> read = events ? readEvents(streamId, state) : List.of();
    if (events) {
      json.put("events", read.stream().map(e -> {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", e.version());
        event.put("position", e.position());
        event.put("type", e.type());
        event.put("schemaVersion", e.schemaVersion());
        event.put("timestamp", e.timestamp() == null ? null : e.timestamp().toString());
        event.put("data", Output.JSON.valueToTree(e.data()));
        return event;
      }).toList());
    }
    if (root.output().isJson()) {
      root.output().printJson(json);
      return;
    }
    TextTable table = new TextTable("STREAM", "VERSION", "TYPE", "ARCHIVED", "CREATED", "UPDATED");
    table.row(state.streamId(), state.version(), state.streamType(), state.archived(), state.createdAt(), state.updatedAt());
    table.print(root.output().out());
    if (events) {
      root.output().out().println();
      TextTable list = new TextTable("VERSION", "POSITION", "TYPE", "SCHEMA_VERSION", "TIMESTAMP");
      read.forEach(e -> list.row(e.version(), e.position(), e.type(), e.schemaVersion(), e.timestamp()));
      list.print(root.output().out());
    }
  }

  @Command(name = "resolve", description = "The stream id a natural key (alias) names; --create gives one to a new alias")
  void resolve(@Parameters(paramLabel = "ALIAS") String alias,
      @Option(names = "--create", description = "Give a new alias a stream id (as the application's resolve does)")
      boolean create) {
    StreamAliases aliases = root.store().events().aliases();
    UUID streamId = create ? aliases.resolve(alias)
        : aliases.find(alias).orElseThrow(() -> new NotFoundException("No stream has alias \"" + alias
            + "\" (--create gives it one)"));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("alias", alias);
    json.put("streamId", streamId.toString());
    root.output().message(json, streamId.toString());
  }

  private List<EventEnvelope<?>> readEvents(String streamId, StreamState state) {
    try {
      // An archived stream's events are in the archive table: shown from there.
      EventStore events = root.store().events();
      return (state.archived() ? events.withArchived() : events).readStream(streamId);
    } catch (RillflowException e) {
      throw new RillflowException("Cannot read the events of stream " + streamId
          + (root.standalone() ? " (the standalone jar knows the application's event classes only with its jar on the class path)" : "")
          + ": " + e.getMessage(), e);
    }
  }

  @Command(name = "archive", description = "Refuses appends and moves the stream's events to the archive table, hidden from"
      + " reads of live streams; run again, goes on with a move that was cut off")
  void archive(@Parameters(paramLabel = "STREAM_ID") String streamId) {
    state(streamId);
    boolean changed = root.store().events().archiveStream(streamId);
    done(streamId, "archived", changed, changed ? "archived" : "was already archived");
  }

  @Command(name = "unarchive", description = "Moves an archived stream's events back and makes it writable again; run again, goes"
      + " on with a move that was cut off")
  void unarchive(@Parameters(paramLabel = "STREAM_ID") String streamId) {
    state(streamId);
    boolean changed = root.store().events().unarchiveStream(streamId);
    done(streamId, "unarchived", changed, changed ? "unarchived" : "was not archived");
  }

  @Command(name = "tombstone", description = "Deletes the stream, its events and its snapshot, for good")
  void tombstone(@Parameters(paramLabel = "STREAM_ID") String streamId,
      @Option(names = "--yes", required = true, description = "Confirms: the events are deleted for good") boolean yes) {
    if (!root.store().events().tombstoneStream(streamId)) {
      throw new NotFoundException("No stream has id \"" + streamId + "\"");
    }
    done(streamId, "tombstoned", true, "deleted with its events");
  }

  private StreamState state(String streamId) {
    return root.store().events().streamState(streamId)
        .orElseThrow(() -> new NotFoundException("No stream has id \"" + streamId + "\""));
  }

  private void done(String streamId, String field, boolean changed, String human) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("streamId", streamId);
    json.put(field, changed);
    root.output().message(json, "Stream " + streamId + " " + human + ".");
  }
}
