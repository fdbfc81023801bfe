package io.rillflow.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format (0.0.4): every line is a {@code # HELP},
 * a {@code # TYPE} (at most once per family, before its samples, of a known type), another comment,
 * or a sample {@code name{label="value",...} value [timestamp]} with valid names, escapes and a
 * number. Anything else fails with the line number, so a test fails on a malformed scrape.
 */
final class PrometheusText {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

  record Sample(String name, Map<String, String> labels, double value) {}

  private PrometheusText() {}

  static List<Sample> parse(String text) {
    List<Sample> samples = new ArrayList<>();
    Map<String, String> types = new HashMap<>();
    Set<String> sampled = new HashSet<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      int number = i + 1;
      if (line.isEmpty()) {
        if (i != lines.length - 1) {
          fail(number, "empty line", line);
        }
        continue;
      }
      if (line.startsWith("#")) {
        String[] parts = line.split(" ", 4);
        if (parts.length >= 3 && parts[1].equals("TYPE")) {
          if (parts.length != 4 || !NAME.matcher(parts[2]).matches() || !TYPES.contains(parts[3])) {
            fail(number, "malformed TYPE", line);
          }
          if (types.put(parts[2], parts[3]) != null || sampled.contains(parts[2])) {
            fail(number, "TYPE repeated or after its samples", line);
          }
        } else if (parts.length >= 3 && parts[1].equals("HELP") && !NAME.matcher(parts[2]).matches()) {
          fail(number, "malformed HELP", line);
        }
        continue;
      }
      Sample sample = sample(line, number);
      sampled.add(family(sample.name(), types));
      samples.add(sample);
    }
    return samples;
  }

  /** A counter's samples end in _total, a histogram's in _bucket/_sum/_count: their family is the TYPE's name. */
  private static String family(String name, Map<String, String> types) {
    for (String suffix : List.of("_total", "_bucket", "_sum", "_count", "_created", "_max")) {
      if (name.endsWith(suffix) && types.containsKey(name.substring(0, name.length() - suffix.length()))) {
        return name.substring(0, name.length() - suffix.length());
      }
    }
    return name;
  }

  private static Sample sample(String line, int number) {
    Matcher name = NAME.matcher(line);
    if (!name.lookingAt()) {
      fail(number, "no metric name", line);
    }
    int at = name.end();
    Map<String, String> labels = new LinkedHashMap<>();
    if (at < line.length() && line.charAt(at) == '{') {
      at++;
      while (line.charAt(at) != '}') {
        Matcher label = LABEL.matcher(line).region(at, line.length());
        if (!label.lookingAt() || line.charAt(label.end()) != '=' || line.charAt(label.end() + 1) != '"') {
          fail(number, "malformed label", line);
        }
        at = label.end() + 2;
        StringBuilder value = new StringBuilder();
        while (line.charAt(at) != '"') {
          char c = line.charAt(at++);
          if (c == '\\') {
            char escaped = line.charAt(at++);
            if (escaped == 'n') {
              value.append('\n');
            } else if (escaped == '\\' || escaped == '"') {
              value.append(escaped);
            } else {
              fail(number, "bad escape \\" + escaped, line);
            }
          } else {
            value.append(c);
          }
        }
        at++;
        if (labels.put(label.group(), value.toString()) != null) {
          fail(number, "label repeated", line);
        }
        if (line.charAt(at) == ',') {
          at++;
        } else if (line.charAt(at) != '}') {
          fail(number, "expected , or }", line);
        }
      }
      at++;
    }
    if (at >= line.length() || line.charAt(at) != ' ') {
      fail(number, "no space before the value", line);
    }
    String[] rest = line.substring(at + 1).split(" ");
    if (rest.length < 1 || rest.length > 2) {
      fail(number, "expected a value and an optional timestamp", line);
    }
    double value = number(rest[0], number, line);
    if (rest.length == 2) {
      try {
        Long.parseLong(rest[1]);
      } catch (NumberFormatException e) {
        fail(number, "bad timestamp", line);
      }
    }
    return new Sample(line.substring(0, name.end()), labels, value);
  }

  private static double number(String text, int number, String line) {
    switch (text) {
      case "+Inf":
        return Double.POSITIVE_INFINITY;
      case "-Inf":
        return Double.NEGATIVE_INFINITY;
      case "NaN":
        return Double.NaN;
      default:
        try {
          return Double.parseDouble(text);
        } catch (NumberFormatException e) {
          fail(number, "bad value", line);
          return 0;
        }
    }
  }

  private static void fail(int number, String what, String line) {
    throw new IllegalArgumentException("Prometheus text line " + number + ": " + what + ": " + line);
  }
}
