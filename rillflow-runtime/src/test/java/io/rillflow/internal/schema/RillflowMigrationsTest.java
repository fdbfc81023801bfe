package io.rillflow.internal.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class RillflowMigrationsTest {

  /** A store skips Flyway when the history is at LATEST_VERSION: a new migration must raise it. */
  @Test
  void latestVersionIsTheHighestMigrationInTheJar() throws IOException, URISyntaxException {
    Path folder = Path.of(RillflowMigrations.class.getResource("/io/rillflow/migration").toURI());
    try (Stream<Path> files = Files.list(folder)) {
      int highest = files.map(f -> f.getFileName().toString())
          .filter(name -> name.matches("V\\d+__.*\\.sql"))
          .mapToInt(name -> Integer.parseInt(name.substring(1, name.indexOf("__"))))
          .max().orElseThrow();
      assertThat(RillflowMigrations.LATEST_VERSION).isEqualTo(highest);
    }
  }
}
