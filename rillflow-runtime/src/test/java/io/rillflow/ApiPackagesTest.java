package io.rillflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The API packages (and the SPI that generated code implements) never refer to
 * {@code io.rillflow.internal}: internal code depends on the API, never the other way, so there is
 * no import cycle between them. Read from the sources, where imports and fully qualified names
 * both show.
 */
class ApiPackagesTest {
  private static final Path SOURCES = Path.of("src/main/java/io/rillflow");
  private static final Pattern INTERNAL = Pattern.compile("\\bio\\.rillflow\\.internal\\b[\\w.]*");

  @Test
  void noApiOrSpiSourceRefersToInternal() throws IOException {
    List<String> offending = new ArrayList<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        if (SOURCES.relativize(file).startsWith("internal")) {
          continue;
        }
        Matcher m = INTERNAL.matcher(code(Files.readString(file)));
        while (m.find()) {
          offending.add(SOURCES.relativize(file) + ": " + m.group());
        }
      }
    }
    assertThat(offending).isEmpty();
  }

  @Test
  void theApiIsSplitByConcern() throws IOException {
    try (Stream<Path> files = Files.list(SOURCES)) {
      long topLevel = files.filter(f -> f.toString().endsWith(".java")).count();
      assertThat(topLevel).as("types directly in io.rillflow").isLessThanOrEqualTo(20);
    }
    for (String concern : List.of("query", "events", "aggregates", "projections")) {
      assertThat(SOURCES.resolve(concern).resolve("package-info.java")).exists();
    }
  }

  /** The source without its comments: a javadoc may name internal classes for the reader. */
  private static String code(String source) {
    return source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
  }
}
