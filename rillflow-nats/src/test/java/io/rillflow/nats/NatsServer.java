package io.rillflow.nats;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.time.Duration;

/** The NATS server with JetStream the tests use (127.0.0.1:4222). */
final class NatsServer {
  static final String HOST = "127.0.0.1";
  static final int PORT = 4222;
  static final String URL = "nats://" + HOST + ":" + PORT;

  private NatsServer() {}

  /** Skips the calling test class unless NATS with JetStream answers. */
  static void assumeAnswering() {
    assumeTrue(answers(), "NATS with JetStream is not answering at " + URL + ": these tests need one, e.g. "
        + "`nats-server -js` or `docker run -d -p 4222:4222 nats:2 -js`");
  }

  static Connection connect(String name) throws Exception {
    return Nats.connect(new Options.Builder().server(URL).connectionName(name)
        .connectionTimeout(Duration.ofSeconds(1)).build());
  }

  private static boolean answers() {
    try (Connection connection = connect("rillflow-test-probe")) {
      connection.jetStreamManagement().getAccountStatistics();
      return true;
    } catch (Exception e) {
      return false;
    }
  }
}
