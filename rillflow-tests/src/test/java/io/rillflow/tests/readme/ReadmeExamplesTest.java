package io.rillflow.tests.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Java examples compile as written, with Rillflow's processor running on them: each
 * {@code ```java} block is cut into its type declarations (each its own source file) and its
 * statements (the body of one method), and compiled together with {@link ReadmeHarness}'s
 * declarations of what the examples take as given (the variables they use, the events and
 * documents they mention but do not declare). A README edit that breaks an example fails here,
 * naming the block and javac's message.
 */
class ReadmeExamplesTest {
  private static final Pattern BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern DECLARATION = Pattern.compile("^(@\\w+|public |final class |class |record |interface |enum )");
  private static final Pattern TYPE_NAME = Pattern.compile("\\b(?:class|record|interface|enum)\\s+(\\w+)");
  private static final String PACKAGE = "readme";

  @Test
  void everyJavaBlockOfTheReadmeCompiles(@TempDir Path out) throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    List<JavaFileObject> sources = new ArrayList<>();
    Matcher block = BLOCK.matcher(readme);
    int number = 0;
    while (block.find()) {
      number++;
      sources.addAll(split(number, block.group(1)));
    }
    assertThat(number).as("java blocks in the README").isGreaterThanOrEqualTo(10);
    for (String harness : ReadmeHarness.SOURCES) {
      sources.add(source(name(harness), ReadmeHarness.IMPORTS + harness));
    }

    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
      List<String> options = List.of("-classpath", System.getProperty("java.class.path"), "-d", out.toString(),
          "-s", out.toString(), "-parameters", "-Xlint:none");
      boolean compiled = compiler.getTask(null, files, diagnostics, options, null, sources).call();
      List<String> errors = diagnostics.getDiagnostics().stream()
          .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
          .map(d -> (d.getSource() == null ? "" : d.getSource().getName() + ":" + d.getLineNumber() + ": ")
              + d.getMessage(Locale.ROOT))
          .toList();
      assertThat(errors).as("javac on the README's examples").isEmpty();
      assertThat(compiled).isTrue();
    }
    // The processor ran on the examples: their metamodel, mapping and repository were generated.
    assertThat(out.resolve(PACKAGE).resolve("Customer_.class")).exists();
    assertThat(out.resolve(PACKAGE).resolve("CustomerRepositoryImpl.class")).exists();
    assertThat(out.resolve(PACKAGE).resolve("Order_Aggregate.class")).exists();
  }

  /** One block: each top-level declaration its own file, the rest the body of {@code Block<n>.run()}. */
  private static List<JavaFileObject> split(int number, String block) {
    List<JavaFileObject> files = new ArrayList<>();
    StringBuilder statements = new StringBuilder();
    StringBuilder declaration = null;
    int depth = 0;
    boolean opened = false;
    for (String line : block.split("\n", -1)) {
      if (declaration == null && DECLARATION.matcher(line).find()) {
        declaration = new StringBuilder();
        depth = 0;
        opened = false;
      }
      if (declaration == null) {
        statements.append(line).append('\n');
        continue;
      }
      declaration.append(line).append('\n');
      String code = line.replaceAll("\"([^\"\\\\]|\\\\.)*\"", "\"\"").replaceAll("//.*", "");
      for (char c : code.toCharArray()) {
        if (c == '{') {
          depth++;
          opened = true;
        } else if (c == '}') {
          depth--;
        }
      }
      if (opened && depth == 0) {
        String text = declaration.toString();
        files.add(source(name(text), ReadmeHarness.IMPORTS + text));
        declaration = null;
      }
    }
    assertThat(declaration).as("README block " + number + ": a declaration that never closes").isNull();
    String runner = "class Block" + number + " extends ReadmeHarness {\n  void run() throws Exception {\n"
        + statements + "\n  }\n}\n";
    files.add(source("Block" + number, ReadmeHarness.IMPORTS + runner));
    return files;
  }

  private static String name(String declaration) {
    Matcher type = TYPE_NAME.matcher(declaration.replaceAll("//.*", ""));
    assertThat(type.find()).as("a type name in " + declaration).isTrue();
    return type.group(1);
  }

  private static JavaFileObject source(String type, String text) {
    return new SimpleJavaFileObject(URI.create("string:///" + PACKAGE + "/" + type + ".java"), JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return text;
      }
    };
  }
}
