package io.rillflow.benchmarks.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * One benchmark's figure from JMH's JSON ({@code -rf json}), with its name split by the suite's
 * convention {@code Class.<operation>_<side>}, side {@code rillflow} or {@code raw}.
 *
 * @param benchmark the class's simple name and the operation, for example {@code LoadByIdBench.loadById}
 * @param side {@code rillflow}, {@code raw}, {@code axon}, or the whole method name when it follows no convention
 * @param params the {@code @Param} values, sorted by name
 * @param allocatedBytes bytes allocated per operation ({@code -prof gc}), or NaN without that profiler
 */
record JmhResult(
    String benchmark, String side, Map<String, String> params, String mode, double score, double error, String unit,
    double allocatedBytes) {

  static JmhResult of(JsonNode node) {
    String name = node.path("benchmark").asText();
    String method = name.substring(name.lastIndexOf('.') + 1);
    String type = name.substring(0, name.lastIndexOf('.'));
    type = type.substring(type.lastIndexOf('.') + 1);
    int separator = method.lastIndexOf('_');
    String operation = separator > 0 ? method.substring(0, separator) : method;
    String side = separator > 0 ? method.substring(separator + 1) : method;
    Map<String, String> params = new TreeMap<>();
    node.path("params").properties().forEach(e -> params.put(e.getKey(), e.getValue().asText()));
    JsonNode metric = node.path("primaryMetric");
    double error = metric.path("scoreError").asDouble(Double.NaN);
    double allocated = node.path("secondaryMetrics").path("gc.alloc.rate.norm").path("score").asDouble(Double.NaN);
    return new JmhResult(type + "." + operation, side, params, node.path("mode").asText(),
        metric.path("score").asDouble(), error, metric.path("scoreUnit").asText(), allocated);
  }

  /** What makes two results a pair: the same operation with the same parameters in the same mode. */
  String key() {
    return benchmark + " " + params + " " + mode;
  }

  /** The benchmark as a row title: {@code LoadByIdBench.loadById (documents=10000)}. */
  String title() {
    if (params.isEmpty()) {
      return benchmark;
    }
    StringJoiner joined = new StringJoiner(", ", " (", ")");
    params.forEach((name, value) -> joined.add(name + "=" + value));
    return benchmark + joined;
  }

  /** Whether a higher score is better: throughput. Every other JMH mode reports time per operation. */
  boolean higherIsBetter() {
    return mode.equals("thrpt");
  }
}
