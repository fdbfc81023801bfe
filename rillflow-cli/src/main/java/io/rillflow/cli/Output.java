package io.rillflow.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Where a command writes: a human table or text by default, one JSON document with {@code --json}.
 * The JSON field names are the contract for scripts; rename none.
 */
final class Output {
  static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private final PrintWriter out;
  private final PrintWriter err;
  private boolean json;

  Output(PrintWriter out, PrintWriter err) {
    this.out = out;
    this.err = err;
  }

  /** A JSON object whose fields keep the order given: {@code fields("name", n, "lag", l)}. */
  static Map<String, Object> fields(Object... namesAndValues) {
    Map<String, Object> fields = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return fields;
  }

  void json(boolean json) {
    this.json = json;
  }

  boolean isJson() {
    return json;
  }

  PrintWriter out() {
    return out;
  }

  PrintWriter err() {
    return err;
  }

  /** Prints {@code value} as JSON with {@code --json}, else what {@code human} renders. */
  void print(Object value, Supplier<TextTable> human) {
    if (json) {
      printJson(value);
    } else {
      human.get().print(out);
    }
  }

  /** Prints {@code value} as JSON with {@code --json}, else the line {@code human}. */
  void message(Object value, String human) {
    if (json) {
      printJson(value);
    } else {
      out.println(human);
      out.flush();
    }
  }

  void printJson(Object value) {
    try {
      out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value));
      out.flush();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write the result as JSON: " + e.getOriginalMessage(), e);
    }
  }
}
