package io.rillflow.test;

import java.nio.file.Files;
import java.nio.file.Path;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** A PostgreSQL in a Docker container, through Testcontainers; Ryuk removes it after the JVM. */
final class ContainerDatabase {
  private static final String IMAGE = "postgres:17-alpine";

  private ContainerDatabase() {}

  /**
   * Whether a Docker engine answers. Testcontainers is asked only when some sign of Docker exists,
   * because without one it logs a page of errors before it says no.
   */
  static boolean dockerAnswers() {
    Path home = Path.of(System.getProperty("user.home"));
    boolean someSign = System.getenv("DOCKER_HOST") != null
        || Files.exists(Path.of("/var/run/docker.sock"))
        || Files.exists(home.resolve(".docker/run/docker.sock"))
        || Files.exists(home.resolve(".testcontainers.properties"));
    if (!someSign) {
      return false;
    }
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  static TestDatabase start() {
    PostgreSQLContainer container = new PostgreSQLContainer(IMAGE);
    container.start();
    return new TestDatabase(container.getJdbcUrl(), container.getUsername(), container.getPassword(),
        "Testcontainers " + IMAGE + " at " + container.getJdbcUrl());
  }
}
