package io.rillflow.rabbitmq;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The RabbitMQ the tests use (127.0.0.1:5672, guest/guest), and closing a connection from its side. */
final class RabbitMqBroker {
  static final String HOST = "127.0.0.1";
  static final int PORT = 5672;

  private RabbitMqBroker() {}

  /** Skips the calling test class unless RabbitMQ answers. */
  static void assumeAnswering() {
    assumeTrue(answers(), "RabbitMQ is not answering at " + HOST + ":" + PORT + " (guest/guest): these tests need "
        + "one, e.g. `docker run -d -p 5672:5672 rabbitmq:4` or `systemctl start rabbitmq-server`");
  }

  static ConnectionFactory factory() {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost(HOST);
    factory.setPort(PORT);
    factory.setConnectionTimeout(1_000);
    return factory;
  }

  private static boolean answers() {
    try (Connection connection = factory().newConnection("rillflow-test-probe")) {
      return connection.isOpen();
    } catch (Exception e) {
      return false;
    }
  }

  /** Whether rabbitmqctl works here (on the PATH and allowed to talk to the node). */
  static boolean controllable() {
    try {
      return run("rabbitmqctl", "status", "-q").exitCode == 0;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Closes, from the broker's side, every connection whose client named it {@code name}.
   *
   * @return how many it closed
   */
  static int closeConnectionsNamed(String name) throws IOException {
    Result listing = run("rabbitmqctl", "list_connections", "pid", "client_properties", "-q", "--no-table-headers");
    int closed = 0;
    for (String line : listing.output) {
      if (line.contains("\"" + name + "\"") || line.contains("<<\"" + name + "\">>")) {
        String pid = line.substring(0, line.indexOf('>') + 1).trim();
        if (run("rabbitmqctl", "close_connection", pid, "test cut", "-q").exitCode == 0) {
          closed++;
        }
      }
    }
    return closed;
  }

  private record Result(int exitCode, List<String> output) {}

  private static Result run(String... command) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    List<String> lines = new ArrayList<>();
    try (var reader = process.inputReader(StandardCharsets.UTF_8)) {
      reader.lines().forEach(lines::add);
    }
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return new Result(-1, lines);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted running " + String.join(" ", command), e);
    }
    return new Result(process.exitValue(), lines);
  }
}
