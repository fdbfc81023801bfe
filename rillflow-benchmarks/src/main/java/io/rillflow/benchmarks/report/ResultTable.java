package io.rillflow.benchmarks.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes {@code RESULTS.md} from JMH's JSON: one row per operation, the Rillflow figure beside the
 * raw JDBC figure of the same run and their ratio, and, where the class has an {@code <operation>_axon}
 * method, Axon's figure as a peer with Rillflow's time over Axon's.
 *
 * <pre>{@code
 * java -cp target/benchmarks.jar io.rillflow.benchmarks.report.ResultTable \
 *     target/jmh.json RESULTS.md "<machine>" "<java -version>" "<date>" "<database>"
 * }</pre>
 *
 * The machine, Java, date and database lines are passed in by {@code run.sh}, which knows them
 * from the shell ({@code nproc}, {@code uname -m}, {@code java -version}); this class only formats.
 */
public final class ResultTable {
  private ResultTable() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 6) {
      System.err.println("usage: ResultTable <jmh.json> <RESULTS.md> <machine> <java> <date> <database>");
      System.exit(2);
    }
    JsonNode results = JsonMapper.builder().build().readTree(Path.of(args[0]).toFile());
    String markdown = render(results, args[2], args[3], args[4], args[5]);
    Files.writeString(Path.of(args[1]), markdown);
    System.out.print(markdown);
  }

  static String render(JsonNode results, String machine, String java, String date, String database) {
    Map<String, Map<String, JmhResult>> pairs = new LinkedHashMap<>();
    for (JsonNode node : results) {
      JmhResult result = JmhResult.of(node);
      pairs.computeIfAbsent(result.key(), key -> new LinkedHashMap<>()).put(result.side(), result);
    }
    StringBuilder md = new StringBuilder();
    md.append("# Rillflow benchmark results\n\n");
    md.append("Each row: the Rillflow API beside a raw JDBC + Jackson baseline doing the same database work ")
        .append("(same SQL, same transactions, same connection pool), measured in the same JMH run. ")
        .append("Scores are JMH's mean ± 99.9% confidence half-width.\n\n");
    md.append("| benchmark | Rillflow | raw JDBC | Axon | units | ratio (Rillflow/raw) | Rillflow time / raw time "
        + "| Rillflow time / Axon time | allocated per op, Rillflow / raw | allocated per op, Axon (Rillflow/Axon) "
        + "| raw JDBC on Rillflow's SQL (Rillflow time / its time) |\n");
    md.append("|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|\n");
    List<String> unpaired = new ArrayList<>();
    for (Map<String, JmhResult> sides : pairs.values()) {
      JmhResult rillflow = sides.get("rillflow");
      JmhResult raw = sides.get("raw");
      JmhResult axon = sides.get(AXON);
      JmhResult ownSql = sides.get(OWN_SQL);
      JmhResult any = rillflow != null ? rillflow : raw != null ? raw : sides.values().iterator().next();
      if (rillflow == null || raw == null) {
        unpaired.add(any.title());
      }
      md.append("| ").append(any.title())
          .append(" | ").append(rillflow == null ? "pending" : figure(rillflow))
          .append(" | ").append(raw == null ? "—" : figure(raw))
          .append(" | ").append(axon == null ? "—" : figure(axon))
          .append(" | ").append(any.unit()).append(" (").append(any.mode()).append(")")
          .append(" | ").append(rillflow == null || raw == null ? "—" : ratio(rillflow.score() / raw.score()))
          .append(" | ").append(rillflow == null || raw == null ? "—" : ratio(timeRatio(rillflow, raw)))
          .append(" | ").append(rillflow == null || axon == null ? "—" : ratio(timeRatio(rillflow, axon)))
          .append(" | ").append(allocation(rillflow, raw))
          .append(" | ").append(peerAllocation(rillflow, axon))
          .append(" | ").append(ownSql == null ? "—" : figure(ownSql)
              + (rillflow == null ? "" : " (" + ratio(timeRatio(rillflow, ownSql)) + ")"))
          .append(" |\n");
    }
    md.append("\nReading the ratios: *ratio* divides the scores as JMH reports them. For throughput ")
        .append("(`thrpt`, ops per time, higher is better) a ratio below 1.00 means Rillflow is slower; ")
        .append("for time per operation (`avgt`, `ss`) a ratio above 1.00 means Rillflow is slower. ")
        .append("*Rillflow time / raw time* states the same in one direction for every mode: 1.00 is parity, ")
        .append("1.20 means a Rillflow call takes 20% longer than the hand-written JDBC doing the same work. ")
        .append("*Allocated per op* (JMH's `-prof gc`, `gc.alloc.rate.norm`) hardly depends on the machine's load, ")
        .append("so it shows the Java-side work Rillflow adds even when the timings are noisy. ")
        .append("*Axon* is a peer, not a baseline: Axon Framework's `JdbcEventStorageEngine` (JacksonSerializer, ")
        .append("its PostgreSQL tables) doing the same job on the same server and pool in the same run, shown only for ")
        .append("the event store benchmarks (methods named `<operation>_axon`); *Rillflow time / Axon time* below 1.00 ")
        .append("means Rillflow is faster. ")
        .append("Where the raw side is the simple schema a developer would write by hand (methods `<operation>_raw`), ")
        .append("a second baseline, `<operation>_rawsql`, replays Rillflow's own statements on its own tables with plain ")
        .append("JDBC: the gap to it is Rillflow's Java code, the gap to the simple schema is also its storage.\n");
    if (!unpaired.isEmpty()) {
      md.append("\nWithout a pair in this run: ").append(String.join(", ", unpaired))
          .append(" (a side is not written yet or was filtered out).\n");
    }
    JsonNode first = results.path(0);
    md.append("\n## Run\n\n");
    md.append("- Date: ").append(date).append('\n');
    md.append("- Machine: ").append(machine).append('\n');
    md.append("- Java: ").append(java).append('\n');
    md.append("- Database: ").append(database).append('\n');
    md.append("- JMH ").append(first.path("jmhVersion").asText()).append(": forks ").append(first.path("forks").asText())
        .append(", threads ").append(first.path("threads").asText())
        .append(", warmup ").append(first.path("warmupIterations").asText()).append(" × ").append(first.path("warmupTime").asText())
        .append(", measurement ").append(first.path("measurementIterations").asText()).append(" × ")
        .append(first.path("measurementTime").asText())
        .append(" (single-shot benchmarks: one call per iteration), JVM args ").append(first.path("jvmArgs")).append('\n');
    md.append("\nShort runs on a small machine: read the ratios, not the absolute figures, and treat "
        + "differences inside the confidence intervals as noise.\n");
    return md.toString();
  }

  /** The side of a peer's method, {@code <operation>_axon}: a third column, never part of the pair. */
  private static final String AXON = "axon";

  /** The side of a second raw baseline that replays Rillflow's own SQL, {@code <operation>_rawsql}. */
  private static final String OWN_SQL = "rawsql";

  /** Rillflow's time per operation over the baseline's, whatever the mode. */
  private static double timeRatio(JmhResult rillflow, JmhResult raw) {
    return rillflow.higherIsBetter() ? raw.score() / rillflow.score() : rillflow.score() / raw.score();
  }

  /** {@code 5.35 KB / 5.33 KB (1.00)}; a dash without {@code -prof gc}. */
  private static String allocation(JmhResult rillflow, JmhResult raw) {
    if (rillflow == null && raw == null) {
      return "—";
    }
    String left = rillflow == null ? "—" : bytes(rillflow.allocatedBytes());
    String right = raw == null ? "—" : bytes(raw.allocatedBytes());
    if (left.equals("—") && right.equals("—")) {
      return "—";
    }
    boolean both = rillflow != null && raw != null && !Double.isNaN(rillflow.allocatedBytes() / raw.allocatedBytes());
    return left + " / " + right + (both ? " (" + ratio(rillflow.allocatedBytes() / raw.allocatedBytes()) + ")" : "");
  }

  /** {@code 12.3 KB (0.80)}: the peer's allocation and Rillflow's over it; a dash without a peer. */
  private static String peerAllocation(JmhResult rillflow, JmhResult peer) {
    if (peer == null || Double.isNaN(peer.allocatedBytes())) {
      return "—";
    }
    boolean both = rillflow != null && !Double.isNaN(rillflow.allocatedBytes() / peer.allocatedBytes());
    return bytes(peer.allocatedBytes()) + (both ? " (" + ratio(rillflow.allocatedBytes() / peer.allocatedBytes()) + ")" : "");
  }

  private static String bytes(double value) {
    if (Double.isNaN(value)) {
      return "—";
    }
    return value >= 1 << 20 ? String.format(Locale.ROOT, "%.1f MB", value / (1 << 20))
        : value >= 1 << 10 ? String.format(Locale.ROOT, "%.1f KB", value / (1 << 10))
        : String.format(Locale.ROOT, "%.0f B", value);
  }

  private static String figure(JmhResult result) {
    String pattern = decimals(result.score());
    String score = String.format(Locale.ROOT, pattern, result.score());
    return Double.isNaN(result.error()) ? score : score + " ± " + String.format(Locale.ROOT, pattern, result.error());
  }

  /** Three or so significant digits: enough to compare, no false precision. */
  private static String decimals(double value) {
    double magnitude = Math.abs(value);
    return magnitude >= 100 ? "%,.0f" : magnitude >= 10 ? "%.1f" : magnitude >= 1 ? "%.2f" : "%.3f";
  }

  private static String ratio(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }
}
