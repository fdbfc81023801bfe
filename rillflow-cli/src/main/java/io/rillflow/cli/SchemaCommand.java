package io.rillflow.cli;

import io.rillflow.DocumentStore;
import io.rillflow.SchemaDrift;
import io.rillflow.SchemaPlan;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code schema plan|apply|export|drift}: the document tables compared with the mappings ({@link io.rillflow.StoreSchema}). */
@Command(name = "schema", mixinStandardHelpOptions = true, description = "Document tables against the mappings")
final class SchemaCommand {
  @ParentCommand
  RootCommand root;

  @Command(name = "plan", description = "The DDL still missing and the drift; changes nothing")
  void plan() {
    SchemaPlan plan = store().schema().plan();
    Output output = root.output();
    if (output.isJson()) {
      output.printJson(planJson(plan));
      return;
    }
    if (plan.isEmpty()) {
      output.out().println("The database matches the mappings.");
    } else {
      output.out().print(plan.toSql());
      printDrift(plan.drift());
    }
    output.out().flush();
  }

  @Command(name = "apply", description = "Runs the missing DDL (tables, columns, indexes); drops nothing")
  void apply() {
    DocumentStore store = store();
    List<String> statements = store.schema().plan().statements();
    store.schema().apply();
    root.output().message(Map.of("applied", statements),
        statements.isEmpty() ? "Nothing to apply." : "Applied " + statements.size() + " statement(s).");
  }

  @Command(name = "export", description = "Writes the missing DDL as a Flyway SQL migration")
  void export(@Option(names = "--to", required = true, paramLabel = "PATH",
      description = "The file to write, or a directory for V<timestamp>__rillflow_documents.sql") Path target) {
    Path written = store().schema().exportMigration(target);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("file", written == null ? null : written.toString());
    root.output().message(json, written == null ? "Nothing to export: the database matches the mappings." : "Wrote " + written);
  }

  @Command(name = "drift", description = "Differences that adding what is missing does not close")
  void drift() {
    List<SchemaDrift> drift = store().schema().plan().drift();
    if (root.output().isJson()) {
      root.output().printJson(Map.of("drift", drift));
    } else if (drift.isEmpty()) {
      root.output().out().println("No drift.");
      root.output().out().flush();
    } else {
      printDrift(drift);
    }
  }

  static Map<String, Object> planJson(SchemaPlan plan) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("empty", plan.isEmpty());
    json.put("statements", plan.statements());
    json.put("drift", plan.drift());
    return json;
  }

  private void printDrift(List<SchemaDrift> drift) {
    if (drift.isEmpty()) {
      return;
    }
    TextTable table = new TextTable("TABLE", "DRIFT", "FIX");
    drift.forEach(d -> table.row(d.table(), d.description(), d.fix()));
    table.print(root.output().out());
  }

  private DocumentStore store() {
    DocumentStore store = root.store();
    if (store.documentTypes().isEmpty()) {
      root.output().err().println("rillflow schema: no document mappings are known here (the application's classes "
          + "are not on the class path), so every document table shows as unmapped");
      root.output().err().flush();
    }
    return store;
  }
}
