package io.rillflow.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Mistakes that compiled silently and failed at run time, or compiled wrongly: each now fails the
 * build on its element, or compiles right. (The module clash between a main and a test compilation
 * is ModuleClashTest.)
 */
class SilentFailuresTest {

  private static Compilation compile(JavaFileObject... sources) {
    return javac().withProcessors(new RillflowProcessor()).withOptions("-Xlint:all,-processing").compile(sources);
  }

  private static JavaFileObject thingRepository(String idType) {
    return JavaFileObjects.forSourceLines("com.acme.ThingRepository",
        "package com.acme;",
        "",
        "@io.rillflow.annotations.Repository",
        "public interface ThingRepository extends io.rillflow.DocumentRepository<Thing, " + idType + "> {",
        "  java.util.List<Thing> findByLabel(String label);",
        "}");
  }

  @Test
  void idOnAGetterIsTheRepositorysIdToo() {
    JavaFileObject thing = JavaFileObjects.forSourceLines("com.acme.Thing",
        "package com.acme;",
        "",
        "@io.rillflow.annotations.Document",
        "public class Thing {",
        "  private String key;",
        "  private String label;",
        "  @io.rillflow.annotations.Id public String getKey() { return key; }",
        "  public void setKey(String key) { this.key = key; }",
        "  public String getLabel() { return label; }",
        "}");
    Compilation compilation = compile(thing, thingRepository("String"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("com.acme.ThingRepositoryImpl");
  }

  @Test
  void idOnAGetterWinsOverAFieldNamedId() {
    JavaFileObject thing = JavaFileObjects.forSourceLines("com.acme.Thing",
        "package com.acme;",
        "",
        "@io.rillflow.annotations.Document",
        "public class Thing {",
        "  Long id;",
        "  private String key;",
        "  String label;",
        "  @io.rillflow.annotations.Id public String getKey() { return key; }",
        "}");
    Compilation compilation = compile(thing, thingRepository("String"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("com.acme.ThingRepositoryImpl");

    JavaFileObject wrong = thingRepository("Long");
    assertThat(compile(thing, wrong))
        .hadErrorContaining("[Rillflow/RepositoryWrongId] @Repository ThingRepository declares id type Long, "
            + "but the id of Thing is String")
        .inFile(wrong).onLineContaining("interface ThingRepository");
  }

  @Test
  void aGenericDocumentIsAnError() {
    JavaFileObject box = JavaFileObjects.forSourceLines("com.acme.Box",
        "package com.acme;",
        "",
        "@io.rillflow.annotations.Document",
        "public record Box<T>(java.util.UUID id, T value) {}");
    assertThat(compile(box))
        .hadErrorContaining("[Rillflow/GenericDocument] @Document Box has type parameters; a stored document is read "
            + "back without them, so name a concrete type")
        .inFile(box).onLineContaining("record Box<T>");
  }

  @Test
  void aPrivateVersionWithoutASetterIsAnError() {
    JavaFileObject account = JavaFileObjects.forSourceLines("com.acme.Account",
        "package com.acme;",
        "",
        "@io.rillflow.annotations.Document",
        "public class Account {",
        "  java.util.UUID id;",
        "  @io.rillflow.annotations.Version",
        "  private long version;",
        "  public long getVersion() { return version; }",
        "}");
    assertThat(compile(account))
        .hadErrorContaining("[Rillflow/UnwritableVersion] @Version version of document Account is private and has no "
            + "setter, so the version read after a save is never written back and a second save of the same instance "
            + "fails with ConcurrencyException; add a method setVersion(long), make the field package-private and not "
            + "final, or make Account a record")
        .inFile(account).onLineContaining("private long version;");
  }

  @Test
  void aDerivedTableNameThatIsNoIdentifierIsAnError() {
    JavaFileObject cafe = JavaFileObjects.forSourceLines("com.acme.Café",
        "package com.acme;",
        "",
        "@io.rillflow.annotations.Document",
        "public record Café(java.util.UUID id) {}");
    assertThat(compile(cafe))
        .hadErrorContaining("[Rillflow/TableName] Document Café would be stored in table \"doc_café\", derived from its "
            + "name, which must be lower case letters, digits and underscores, starting with a letter or underscore; "
            + "name a table with @Document(table = \"...\")")
        .inFile(cafe).onLineContaining("@io.rillflow.annotations.Document");

    String longName = "AVeryLongDocumentNameThatGoesOnAndOnBeyondWhatPostgresKeeps";
    JavaFileObject tooLong = JavaFileObjects.forSourceLines("com.acme." + longName,
        "package com.acme;",
        "",
        "@io.rillflow.annotations.Document",
        "public record " + longName + "(java.util.UUID id) {}");
    assertThat(compile(tooLong))
        .hadErrorContaining("which is longer than 63 bytes")
        .inFile(tooLong).onLineContaining("@io.rillflow.annotations.Document");
  }

  @Test
  void aMemberWhoseTypeAnotherProcessorGeneratesLaterStaysQueryable() {
    JavaFileObject invoice = JavaFileObjects.forSourceLines("com.acme.Invoice",
        "package com.acme;",
        "",
        "@io.rillflow.annotations.Document",
        "public record Invoice(java.util.UUID id, Money total) {}");
    Compilation compilation = javac().withProcessors(new MoneyGenerator(), new RillflowProcessor())
        .withOptions("-Xlint:all,-processing").compile(invoice);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("com.acme.Invoice_").contentsAsUtf8String()
        .contains("public static final TotalPaths total = new TotalPaths();");
  }

  @Test
  void aMemberWhoseTypeNeverAppearsIsReportedWhenProcessingIsOver() {
    JavaFileObject invoice = JavaFileObjects.forSourceLines("com.acme.Invoice",
        "package com.acme;",
        "",
        "@io.rillflow.annotations.Document",
        "public record Invoice(java.util.UUID id,",
        "    Nowhere total) {}");
    assertThat(compile(invoice))
        .hadErrorContaining("[Rillflow/MissingType] Member total of Invoice is of type Nowhere, which does not exist, "
            + "also after every annotation processor ran")
        .inFile(invoice).onLineContaining("Nowhere total");
  }

  @Test
  void anAggregateWhoseEventAnotherProcessorGeneratesWaitsForIt() {
    JavaFileObject order = JavaFileObjects.forSourceLines("com.acme.Order",
        "package com.acme;",
        "",
        "import io.rillflow.annotations.Aggregate;",
        "import io.rillflow.annotations.Apply;",
        "",
        "@Aggregate",
        "public record Order(String id, java.math.BigDecimal total) {",
        "  @Apply static Order placed(Placed e) { return new Order(e.id(), e.total()); }",
        "}");
    Compilation compilation = javac().withProcessors(new Generator("com.acme.Placed",
            "package com.acme;\n@io.rillflow.annotations.Event public record Placed(String id, java.math.BigDecimal total) {}\n"),
        new RillflowProcessor()).withOptions("-Xlint:all,-processing").compile(order);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("com.acme.Order_Aggregate").contentsAsUtf8String()
        .contains("case \"Placed\" -> {");
  }

  /** Stands for another annotation processor: generates {@code com.acme.Money} in its first round. */
  private static final class MoneyGenerator extends Generator {
    MoneyGenerator() {
      super("com.acme.Money", "package com.acme;\npublic record Money(java.math.BigDecimal amount, String currency) {}\n");
    }
  }

  /** Generates one source file in its first round. */
  private static class Generator extends AbstractProcessor {
    private final String name;
    private final String source;
    private boolean done;

    Generator(String name, String source) {
      this.name = name;
      this.source = source;
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (!done) {
        done = true;
        try (Writer out = processingEnv.getFiler().createSourceFile(name).openWriter()) {
          out.write(source);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return false;
    }
  }
}
