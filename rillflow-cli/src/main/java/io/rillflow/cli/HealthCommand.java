package io.rillflow.cli;

import io.rillflow.SchemaPlan;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code health schema}: exit 0 when the database matches the mappings, {@link ExitCodes#FAILURE} with the differences when not. */
@Command(name = "health", mixinStandardHelpOptions = true, description = "Checks for monitoring and deploy scripts")
final class HealthCommand {
  @ParentCommand
  RootCommand root;

  @Command(name = "schema", description = "Fails (exit 1) when DDL is missing or the schema drifted")
  int schema() {
    SchemaPlan plan = root.store().schema().plan();
    Output output = root.output();
    if (output.isJson()) {
      Map<String, Object> json = new java.util.LinkedHashMap<>(SchemaCommand.planJson(plan));
      json.put("healthy", plan.isEmpty());
      output.printJson(json);
    } else if (plan.isEmpty()) {
      output.out().println("Schema healthy: the database matches the mappings.");
    } else {
      output.out().println("Schema unhealthy: " + plan.statements().size() + " statement(s) missing, "
          + plan.drift().size() + " drift(s).");
      plan.statements().forEach(s -> output.out().println("missing: " + s));
      plan.drift().forEach(d -> output.out().println("drift: " + d.table() + ": " + d));
    }
    output.out().flush();
    return plan.isEmpty() ? ExitCodes.OK : ExitCodes.FAILURE;
  }
}
