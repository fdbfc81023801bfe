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
  void typesOfAConcernLiveInItsPackage() throws IOException {
    // Queries, events, aggregates and projections have packages of their own; io.rillflow keeps the
    // store, the builder, sessions, repositories, base exceptions and options.
    Pattern concern = Pattern.compile("(Event|Projection|Aggregate|Append|Stream|DeadLetter|Checkpoint|Upcast|Tenan)\\w*"
        + "|\\w*(Path|Condition|Sort|Page|PageRequest|DocumentQuery|ExpectedVersion)");
    try (Stream<Path> files = Files.list(SOURCES)) {
      List<String> misplaced = files.map(f -> f.getFileName().toString())
          .filter(name -> name.endsWith(".java") && !name.equals("package-info.java"))
          .map(name -> name.substring(0, name.length() - ".java".length()))
          .filter(name -> concern.matcher(name).matches())
          .toList();
      assertThat(misplaced).as("types of a concern directly in io.rillflow").isEmpty();
    }
    for (String pkg : List.of("query", "events", "aggregates", "projections", "subscriptions", "tenancy")) {
      assertThat(SOURCES.resolve(pkg).resolve("package-info.java")).exists();
    }
  }

  /** The source without its comments: a javadoc may name internal classes for the reader. */
  private static String code(String source) {
    return source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
  }
}
