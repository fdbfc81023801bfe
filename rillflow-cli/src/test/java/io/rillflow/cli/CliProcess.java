package io.rillflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rillflow.test.TestDatabase;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The standalone command line as a real child JVM ({@code java -cp <test class path>
 * io.rillflow.cli.RillflowCli --url ... --schema ...}) on the test database. A password is moved
 * from the URL to {@code RILLFLOW_DATABASE_PASSWORD}, as an operator would pass it.
 */
final class CliProcess {
  private static final Pattern PASSWORD = Pattern.compile("([?&])password=([^&]*)&?");
  static final ObjectMapper JSON = new ObjectMapper();

  record Result(int exit, String out, String err) {
    JsonNode json() {
      try {
        return JSON.readTree(out);
      } catch (IOException e) {
        throw new AssertionError("stdout is not JSON: " + out + "\nstderr: " + err, e);
      }
    }

    @Override
    public String toString() {
      return "exit " + exit + "\nstdout: " + out + "\nstderr: " + err;
    }
  }

  private CliProcess() {}

  static String java() {
    return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
  }

  /** The child's command: the CLI's main on the test class path with the test database and {@code schema}, then {@code args}. */
  static ProcessBuilder builder(String schema, String... args) {
    return builder(List.of("-cp", System.getProperty("java.class.path"), RillflowCli.class.getName()), schema, args);
  }

  /** The same through the shaded jar alone ({@code java -jar}): no application class is known. */
  static ProcessBuilder standaloneJar(String schema, String... args) {
    String jar = System.getProperty("rillflow.cli.jar");
    if (jar == null) {
      throw new IllegalStateException("rillflow.cli.jar is not set: run through failsafe (mvn verify)");
    }
    return builder(List.of("-jar", jar), schema, args);
  }

  /** The test database's URL as the child gets it ({@code --url}): without a password. */
  static String url() {
    String url = TestDatabase.shared().jdbcUrl();
    Matcher matcher = PASSWORD.matcher(url);
    return matcher.find() ? matcher.replaceFirst(matcher.group(1)).replaceAll("[?&]$", "") : url;
  }

  private static ProcessBuilder builder(List<String> launch, String schema, String... args) {
    TestDatabase database = TestDatabase.shared();
    String url = url();
    String password = database.password();
    Matcher matcher = PASSWORD.matcher(database.jdbcUrl());
    if (matcher.find()) {
      password = matcher.group(2);
    }
    List<String> command = new ArrayList<>(List.of(java(), "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
    command.addAll(launch);
    command.addAll(List.of("--url", url, "--schema", schema));
    if (database.username() != null) {
      command.add("--user");
      command.add(database.username());
    }
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().remove("RILLFLOW_DATABASE_PASSWORD");
    if (password != null) {
      builder.environment().put("RILLFLOW_DATABASE_PASSWORD", password);
    }
    return builder;
  }

  /** Runs the command to its end (at most two minutes on a loaded machine). */
  static Result run(String schema, String... args) throws IOException, InterruptedException {
    return run(builder(schema, args));
  }

  static Result run(ProcessBuilder builder) throws IOException, InterruptedException {
    Path out = Files.createTempFile("rillflow-cli", ".out");
    Path err = Files.createTempFile("rillflow-cli", ".err");
    try {
      Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("The command did not end within 120 s: " + builder.command());
      }
      return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
