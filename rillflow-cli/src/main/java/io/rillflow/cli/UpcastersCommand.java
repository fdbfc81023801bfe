package io.rillflow.cli;

import io.rillflow.cli.ApplicationCatalog.UpcastStep;
import io.rillflow.spi.EventMapping;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code upcasters list|path}: the event types and the {@code @Upcast} steps the application's
 * generated modules register. A read of version N of a type runs each step from N up to the type's
 * current version; the store checked at start that no step is missing.
 */
@Command(name = "upcasters", mixinStandardHelpOptions = true, description = "Event versions and upcast steps")
final class UpcastersCommand {
  @ParentCommand
  RootCommand root;

  @Command(name = "list", description = "Every event type with its versions and upcast steps")
  void list() {
    ApplicationCatalog catalog = root.catalog();
    List<EventMapping<?>> events = catalog.events();
    List<UpcastStep> steps = catalog.steps();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("events", events.stream().map(e -> Output.fields("type", e.typeName(), "version", e.schemaVersion(),
        "class", e.eventType().getName())).toList());
    json.put("upcasters", steps);
    if (root.output().isJson()) {
      root.output().printJson(json);
      return;
    }
    TextTable types = new TextTable("EVENT", "VERSION", "CLASS");
    events.forEach(e -> types.row(e.typeName(), e.schemaVersion(), e.eventType().getName()));
    types.print(root.output().out());
    root.output().out().println();
    TextTable table = new TextTable("EVENT", "FROM", "TO", "KIND");
    steps.forEach(s -> table.row(s.event(), s.fromVersion(), s.toVersion(), s.typed() ? "typed" : "json"));
    table.print(root.output().out());
  }

  @Command(name = "path", description = "The steps that bring a stored version of an event to another (default: current)")
  void path(@Option(names = "--type", required = true, description = "The event's type name") String type,
      @Option(names = "--from-version", required = true) int from,
      @Option(names = "--to-version", description = "Default: the current version") Integer to) {
    ApplicationCatalog catalog = root.catalog();
    int current = catalog.currentVersion(type)
        .orElseThrow(() -> new NotFoundException("No event type is named \"" + type + "\""));
    int target = to == null ? current : to;
    if (from < 1 || target > current || from > target) {
      throw new IllegalArgumentException("Versions of " + type + " run from 1 to " + current + "; no path from "
          + from + " to " + target);
    }
    List<UpcastStep> path = new ArrayList<>();
    int at = from;
    while (at < target) {
      int version = at;
      UpcastStep step = catalog.steps().stream().filter(s -> s.event().equals(type) && s.fromVersion() == version)
          .findFirst().orElseThrow(() -> new NotFoundException("No upcast step of " + type + " from version " + version));
      path.add(step);
      at = step.toVersion();
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("type", type);
    json.put("from", from);
    json.put("to", target);
    json.put("steps", path);
    root.output().print(json, () -> {
      TextTable table = new TextTable("EVENT", "FROM", "TO", "KIND");
      path.forEach(s -> table.row(s.event(), s.fromVersion(), s.toVersion(), s.typed() ? "typed" : "json"));
      return table;
    });
  }
}
