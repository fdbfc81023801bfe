package io.rillflow.cli;

import io.rillflow.events.Checkpoint;
import io.rillflow.projections.DeadLetter;
import io.rillflow.projections.ProjectionDaemon;
import io.rillflow.projections.ProjectionStatus;
import io.rillflow.projections.Projections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code projections ...}: status and administration of the store's projections, and their dead
 * letters. Status and dead letters work from the database's rows alone (standalone); pause, resume,
 * reset, rebuild and running need the projection registered in this process.
 */
@Command(name = "projections", mixinStandardHelpOptions = true, description = "Projections and their dead letters",
    subcommands = {RunLoopCommand.class, ClusterCommands.Status.class, ClusterCommands.Promote.class,
        ClusterCommands.Demote.class})
final class ProjectionsCommand {
  @ParentCommand
  RootCommand root;

  @Command(name = "list", description = "The projections: registered here, or with a checkpoint row in the schema")
  void list() {
    List<ProjectionStatus> statuses = daemon().status();
    root.output().print(Map.of("projections", statuses.stream().map(s -> Output.fields("name", s.name(),
        "lifecycle", s.lifecycle().name(), "registered", registered(s.name()))).toList()), () -> {
          TextTable table = new TextTable("NAME", "LIFECYCLE", "REGISTERED");
          statuses.forEach(s -> table.row(s.name(), s.lifecycle(), registered(s.name()) ? "yes" : "no"));
          return table;
        });
  }

  @Command(name = "status", description = "Checkpoint, lag, lease, dead letters and what holds the safe point back")
  void status(@Parameters(arity = "0..1", paramLabel = "NAME", description = "One projection (default: all)") String name) {
    List<ProjectionStatus> statuses = daemon().status();
    if (name != null) {
      statuses = statuses.stream().filter(s -> s.name().equals(name)).toList();
      if (statuses.isEmpty()) {
        throw new NotFoundException("No projection is named \"" + name + "\"");
      }
    }
    List<ProjectionStatus> shown = statuses;
    root.output().print(Map.of("projections", shown.stream().map(ProjectionsCommand::statusJson).toList()), () -> {
      TextTable table = new TextTable("NAME", "LIFECYCLE", "POSITION", "HEAD", "LAG", "STATE", "OWNER", "EPOCH",
          "DEAD_LETTERS", "HELD_BACK_BY");
      shown.forEach(s -> table.row(s.name(), s.lifecycle(), s.checkpoint().position(), s.head(), s.lag(),
          s.paused() ? "paused" : "running", s.owner(), s.epoch(), s.deadLetters(), s.heldBackBy()));
      return table;
    });
  }

  /** One status as JSON; the daemon host's health shows the same fields. */
  static Map<String, Object> statusJson(ProjectionStatus s) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", s.name());
    json.put("lifecycle", s.lifecycle().name());
    json.put("position", s.checkpoint().position());
    json.put("transactionId", s.checkpoint().transactionId());
    json.put("head", s.head());
    json.put("lag", s.lag());
    json.put("paused", s.paused());
    json.put("owner", s.owner());
    json.put("epoch", s.epoch());
    json.put("leaseUntil", s.leaseUntil() == null ? null : s.leaseUntil().toString());
    json.put("ownedHere", s.ownedHere());
    json.put("deadLetters", s.deadLetters());
    json.put("heldBackBy", s.heldBackBy());
    return json;
  }

  @Command(name = "pause", description = "Stops applying events to the projection, on every node")
  void pause(@Parameters(paramLabel = "NAME") String name) {
    daemon().pause(registeredName(name));
    done(name, "paused");
  }

  @Command(name = "resume", description = "Lets a paused projection run again")
  void resume(@Parameters(paramLabel = "NAME") String name) {
    daemon().resume(registeredName(name));
    done(name, "resumed");
  }

  @Command(name = "reset", description = "Moves the checkpoint (default: the start) without touching the read model")
  void reset(@Parameters(paramLabel = "NAME") String name,
      @Option(names = "--position", defaultValue = "0", description = "Global position of the last event applied") long position,
      @Option(names = "--transaction-id", defaultValue = "0", description = "Its transaction id (see status --json)") long transactionId) {
    daemon().reset(registeredName(name), new Checkpoint(transactionId, position));
    done(name, "reset to position " + position);
  }

  @Command(name = "rebuild", description = "Clears the read model and replays every event")
  void rebuild(@Parameters(paramLabel = "NAME") String name) {
    daemon().rebuild(registeredName(name));
    done(name, "rebuilding (the daemon replays every event)");
  }

  @Command(name = "run-once", description = "One batch of each async projection this process can take, then returns")
  void runOnce(@Option(names = "--name", paramLabel = "NAME", description = "Only this projection (registered here)")
      String name) {
    List<String> progressed = name == null ? daemon().runOnce()
        : daemon().runOnce(registeredName(name)) ? List.of(name) : List.of();
    root.output().message(Map.of("progressed", progressed), progressed.isEmpty()
        ? "Nothing to do (no events below the safe point, or every projection is held elsewhere or paused)."
        : "One batch applied to " + progressed + ".");
  }

  @Command(name = "run-until-idle", description = "Applies every event below the safe point, on this thread, then returns")
  void runUntilIdle() {
    long applied = daemon().runUntilIdle();
    root.output().message(Map.of("applied", applied), "Applied " + applied + " event(s).");
  }

  @Command(name = "dead-letters", description = "The events a projection gave up on")
  void deadLetters(@Parameters(paramLabel = "NAME") String name) {
    List<DeadLetter> letters = projections().deadLetters(name);
    root.output().print(Map.of("deadLetters", letters.stream().map(ProjectionsCommand::letterJson).toList()), () -> {
      TextTable table = new TextTable("ID", "POSITION", "STREAM", "VERSION", "TYPE", "ATTEMPTS", "REQUEUED", "ERROR");
      letters.forEach(l -> table.row(l.id(), l.position(), l.streamId(), l.version(), l.type(), l.attempts(),
          l.requeued(), l.error()));
      return table;
    });
  }

  private static Map<String, Object> letterJson(DeadLetter l) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", l.id());
    json.put("projection", l.projection());
    json.put("position", l.position());
    json.put("transactionId", l.checkpoint().transactionId());
    json.put("streamId", l.streamId());
    json.put("version", l.version());
    json.put("type", l.type());
    json.put("attempts", l.attempts());
    json.put("error", l.error());
    json.put("requeued", l.requeued());
    json.put("createdAt", l.createdAt() == null ? null : l.createdAt().toString());
    return json;
  }

  @Command(name = "requeue", description = "Asks the projection's daemon to apply a dead letter's event again")
  void requeue(@Parameters(paramLabel = "ID") long id) {
    if (!projections().requeue(id)) {
      throw new NotFoundException("No dead letter has id " + id);
    }
    root.output().message(Map.of("requeued", id), "Dead letter " + id + " requeued.");
  }

  @Command(name = "delete", description = "Forgets a dead letter; its event stays unapplied")
  void delete(@Parameters(paramLabel = "ID") long id) {
    if (!projections().delete(id)) {
      throw new NotFoundException("No dead letter has id " + id);
    }
    root.output().message(Map.of("deleted", id), "Dead letter " + id + " deleted.");
  }

  private void done(String name, String what) {
    root.output().message(Output.fields("projection", name, "done", what), "Projection " + name + " " + what + ".");
  }

  private boolean registered(String name) {
    return projections().names().contains(name);
  }

  /** Pause, reset and the rest run through the registered projection; a name only in the database is not enough. */
  private String registeredName(String name) {
    if (!registered(name)) {
      boolean stored = daemon().status().stream().anyMatch(s -> s.name().equals(name));
      throw new NotFoundException("No projection named \"" + name + "\" is registered here"
          + (stored ? " (it has a row in the schema: run this command inside the application, or with its jar on the class path)"
              : "; registered: " + projections().names()));
    }
    return name;
  }

  Projections projections() {
    return root.store().projections();
  }

  ProjectionDaemon daemon() {
    return projections().daemon();
  }
}
