package io.rillflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rillflow.test.RillflowTestBase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code docs index-advisor} as a real child JVM: the DDL it advises is run as printed, and a second
 * run finds the paths served by it; the planner uses the index it advised.
 */
class IndexAdvisorTest extends RillflowTestBase {

  private CliProcess.Result cli(String... args) throws Exception {
    return CliProcess.run(store().schemaName(), args);
  }

  @Test
  void advisesDdlThatServesThePathsAndSeesItOnceApplied() throws Exception {
    CliProcess.Result first = cli("docs", "index-advisor", "Supplier", "--field", "email", "--field", "name",
        "--field", "rating", "--field", "joined", "--gin", "--json");
    assertThat(first.exit()).as(first.toString()).isZero();
    JsonNode report = first.json();
    assertThat(report.get("table").asText()).isEqualTo(store().schemaName() + ".doc_supplier");
    assertThat(report.get("gin").asBoolean()).isFalse();
    assertThat(report.get("ginDdl").asText()).contains("USING gin (data jsonb_path_ops)");
    Map<String, JsonNode> fields = byPath(report);

    JsonNode email = fields.get("email");
    assertThat(email.get("servedBy").isNull()).isTrue();
    assertThat(email.get("equalityByGin").asBoolean()).as("equality on JSON text is containment").isTrue();
    assertThat(email.get("ddl").asText()).startsWith("CREATE INDEX CONCURRENTLY").contains("'{email}'");
    assertThat(fields.get("name").get("servedBy").asText()).as("the @Duplicated column's index").isNotEmpty();
    assertThat(fields.get("name").get("advice").asText()).isEqualTo("served");
    assertThat(fields.get("rating").get("ddl").asText()).contains("'{rating}'", "::");
    assertThat(fields.get("joined").get("ddl").isNull()).isTrue();
    assertThat(fields.get("joined").get("advice").asText()).contains("@Duplicated", "not immutable");

    try (Connection connection = store().dataSource().getConnection(); Statement statement = connection.createStatement()) {
      connection.setAutoCommit(true);
      statement.execute(report.get("ginDdl").asText());
      statement.execute(email.get("ddl").asText());
      statement.execute(fields.get("rating").get("ddl").asText());
    }

    CliProcess.Result second = cli("docs", "index-advisor", "Supplier", "--field", "email", "--field", "rating", "--gin",
        "--json");
    assertThat(second.exit()).as(second.toString()).isZero();
    assertThat(second.json().get("gin").asBoolean()).isTrue();
    Map<String, JsonNode> after = byPath(second.json());
    assertThat(after.get("email").get("servedBy").asText()).endsWith("email_json");
    assertThat(after.get("email").get("ddl").isNull()).isTrue();
    assertThat(after.get("rating").get("servedBy").asText()).endsWith("rating_json");

    try (Connection connection = store().dataSource().getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("SET enable_seqscan = off");
      StringBuilder plan = new StringBuilder();
      try (ResultSet row = statement.executeQuery("EXPLAIN SELECT id FROM \"" + store().schemaName()
          + "\".doc_supplier WHERE (data #>> '{email}') > 'm'")) {
        while (row.next()) {
          plan.append(row.getString(1)).append('\n');
        }
      }
      assertThat(plan.toString()).as("a range on the path uses the advised index").contains("email_json");
    }

    CliProcess.Result table = cli("docs", "index-advisor", "Supplier", "--field", "email", "--field", "joined");
    assertThat(table.exit()).as(table.toString()).isZero();
    assertThat(table.out().lines().findFirst().orElseThrow()).startsWith("PATH").contains("SERVED_BY", "ADVICE");
    assertThat(table.out()).containsPattern("(?m)^email\\s+text\\s+\\S*email_json\\s");
    assertThat(table.out()).containsPattern("(?m)^joined\\s+\\S+\\s+-\\s+@Duplicated");
  }

  @Test
  void anUnknownPathIsAUsageErrorAndAnUnknownTypeIsNotFound() throws Exception {
    CliProcess.Result path = cli("docs", "index-advisor", "Supplier", "--field", "emial");
    assertThat(path.exit()).as(path.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(path.err()).contains("Supplier", "\"emial\"");
    CliProcess.Result type = cli("docs", "index-advisor", "Suplier", "--field", "email");
    assertThat(type.exit()).as(type.toString()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(type.err()).contains("Suplier", "Supplier");
  }

  private static Map<String, JsonNode> byPath(JsonNode report) {
    Map<String, JsonNode> fields = new HashMap<>();
    report.get("fields").forEach(f -> fields.put(f.get("path").asText(), f));
    return fields;
  }
}
