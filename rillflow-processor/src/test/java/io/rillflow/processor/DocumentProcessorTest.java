package io.rillflow.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class DocumentProcessorTest {

  private static Compilation compile(JavaFileObject... sources) {
    return javac().withProcessors(new RillflowProcessor()).withOptions("-Xlint:all,-processing").compile(sources);
  }

  @Test
  void recordDocumentGetsAMappingThatReadsLikeHandWrittenCode() {
    JavaFileObject customer = JavaFileObjects.forSourceLines("com.acme.Customer",
        "package com.acme;",
        "",
        "import io.rillflow.annotations.Document;",
        "import java.util.UUID;",
        "",
        "@Document",
        "public record Customer(UUID id, String email) {}");

    Compilation compilation = compile(customer);

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("com.acme.Customer_Mapping").hasSourceEquivalentTo(
        JavaFileObjects.forSourceLines("com.acme.Customer_Mapping",
            "package com.acme;",
            "",
            "import io.rillflow.query.Path;",
            "import io.rillflow.spi.DocumentMapping;",
            "import java.util.UUID;",
            "import javax.annotation.processing.Generated;",
            "",
            "@Generated(\"io.rillflow.processor.RillflowProcessor\")",
            "public final class Customer_Mapping implements DocumentMapping<Customer, UUID> {",
            "    public static final Customer_Mapping INSTANCE = new Customer_Mapping();",
            "",
            "    private Customer_Mapping() {}",
            "",
            "    @Override public Class<Customer> documentType() { return Customer.class; }",
            "    @Override public Class<UUID> idType() { return UUID.class; }",
            "    @Override public String tableName() { return \"doc_customer\"; }",
            "    @Override public UUID id(Customer document) { return document.id(); }",
            "",
            "    @Override public Path<Customer, ?> path(String dotted) {",
            "        return switch (dotted) {",
            "            case \"id\" -> Customer_.id;",
            "            case \"email\" -> Customer_.email;",
            "            default -> null;",
            "        };",
            "    }",
            "}"));
    assertThat(compilation).generatedSourceFile("com.acme.Customer_").hasSourceEquivalentTo(
        JavaFileObjects.forSourceLines("com.acme.Customer_",
            "package com.acme;",
            "",
            "import io.rillflow.query.ComparablePath;",
            "import io.rillflow.query.StringPath;",
            "import java.util.List;",
            "import java.util.UUID;",
            "import javax.annotation.processing.Generated;",
            "",
            "@Generated(\"io.rillflow.processor.RillflowProcessor\")",
            "public final class Customer_ {",
            "    public static final ComparablePath<Customer, UUID> id = new ComparablePath<>(List.of(\"id\"), null, false, UUID.class);",
            "    public static final StringPath<Customer> email = new StringPath<>(List.of(\"email\"), null, false);",
            "",
            "    private Customer_() {}",
            "}"));
    assertThat(compilation).generatedSourceFile("com.acme.Customer_RillflowModule").contentsAsUtf8String()
        .contains("registry.document(Customer_Mapping.INSTANCE);");
  }

  @Test
  void classDocumentReadsAPrivateIdThroughItsGetterAndNamesItsTable() {
    JavaFileObject order = JavaFileObjects.forSourceLines("com.acme.orders.PurchaseOrder",
        "package com.acme.orders;",
        "",
        "import io.rillflow.annotations.Document;",
        "import io.rillflow.annotations.Id;",
        "",
        "@Document(table = \"orders\")",
        "public class PurchaseOrder {",
        "  @Id private long number;",
        "  public long getNumber() { return number; }",
        "}");

    Compilation compilation = compile(order);

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("com.acme.orders.PurchaseOrder_Mapping").contentsAsUtf8String()
        .contains("return \"orders\";");
    assertThat(compilation).generatedSourceFile("com.acme.orders.PurchaseOrder_Mapping").contentsAsUtf8String()
        .contains("public Long id(PurchaseOrder document) {\n        return document.getNumber();");
  }

  @Test
  void documentWithoutIdIsAnErrorOnTheType() {
    JavaFileObject note = JavaFileObjects.forSourceLines("com.acme.Note",
        "package com.acme;",
        "",
        "import io.rillflow.annotations.Document;",
        "",
        "@Document",
        "public record Note(String text) {}");

    Compilation compilation = compile(note);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("[Rillflow/MissingId] Document Note has no id: mark one member @Id, or name it \"id\"")
        .inFile(note)
        .onLineContaining("public record Note");
  }

  @Test
  void unsupportedIdTypeIsAnErrorOnTheIdMember() {
    JavaFileObject invoice = JavaFileObjects.forSourceLines("com.acme.Invoice",
        "package com.acme;",
        "",
        "import io.rillflow.annotations.Document;",
        "",
        "@Document",
        "public record Invoice(",
        "    java.math.BigDecimal id,",
        "    String text) {}");

    Compilation compilation = compile(invoice);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("[Rillflow/UnsupportedIdType] The id id of document Invoice is of type BigDecimal")
        .inFile(invoice)
        .onLineContaining("java.math.BigDecimal id");
  }

  @Test
  void twoIdsAreAnErrorOnTheSecond() {
    JavaFileObject account = JavaFileObjects.forSourceLines("com.acme.Account",
        "package com.acme;",
        "",
        "import io.rillflow.annotations.Document;",
        "import io.rillflow.annotations.Id;",
        "",
        "@Document",
        "public class Account {",
        "  @Id String code;",
        "  @Id String number;",
        "}");

    Compilation compilation = compile(account);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("[Rillflow/DuplicateId] Document Account has two ids, code and number")
        .inFile(account)
        .onLineContaining("@Id String number");
  }

  @Test
  void privateIdWithoutAccessorIsAnErrorThatSuggestsTheGetter() {
    JavaFileObject tag = JavaFileObjects.forSourceLines("com.acme.Tag",
        "package com.acme;",
        "",
        "import io.rillflow.annotations.Document;",
        "",
        "@Document",
        "public class Tag {",
        "  private String id;",
        "}");

    Compilation compilation = compile(tag);

    assertThat(compilation)
        .hadErrorContaining("[Rillflow/UnreadableMember] id of document Tag is private and has no accessor; "
            + "make it package-private or add a method getId()")
        .inFile(tag)
        .onLineContaining("private String id;");
  }

  @Test
  void twoDocumentsOnOneTableIsAnErrorAndEveryOtherErrorIsStillReported() {
    JavaFileObject first = JavaFileObjects.forSourceLines("com.acme.First",
        "package com.acme;",
        "",
        "@io.rillflow.annotations.Document(table = \"shared\")",
        "public record First(String id) {}");
    JavaFileObject second = JavaFileObjects.forSourceLines("com.acme.Second",
        "package com.acme;",
        "",
        "@io.rillflow.annotations.Document(table = \"shared\")",
        "public record Second(String id) {}");
    JavaFileObject third = JavaFileObjects.forSourceLines("com.acme.Third",
        "package com.acme;",
        "",
        "@io.rillflow.annotations.Document",
        "public record Third(String name) {}");

    Compilation compilation = compile(first, second, third);

    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining("[Rillflow/DuplicateTable] Documents com.acme.First and com.acme.Second both map to table \"shared\"")
        .inFile(second)
        .onLineContaining("public record Second");
    assertThat(compilation).hadErrorContaining("[Rillflow/MissingId] Document Third").inFile(third);
  }

  @Test
  void invalidTableNameIsAnErrorOnTheAnnotation() {
    JavaFileObject item = JavaFileObjects.forSourceLines("com.acme.Item",
        "package com.acme;",
        "",
        "@io.rillflow.annotations.Document(",
        "    table = \"Items; drop table x\")",
        "public record Item(String id) {}");

    Compilation compilation = compile(item);

    assertThat(compilation)
        .hadErrorContaining("[Rillflow/InvalidTable] Table name \"Items; drop table x\" of document Item must be")
        .inFile(item)
        .onLineContaining("table = ");
  }

  @Test
  void documentOnAnInterfaceIsAnError() {
    JavaFileObject shape = JavaFileObjects.forSourceLines("com.acme.Shape",
        "package com.acme;",
        "",
        "@io.rillflow.annotations.Document",
        "public interface Shape {}");

    Compilation compilation = compile(shape);

    assertThat(compilation)
        .hadErrorContaining("[Rillflow/DocumentNotAClass] @Document must be on a class or record, but Shape is interface")
        .inFile(shape)
        .onLineContaining("public interface Shape");
  }

  @Test
  void versionOnANonIntegerIsAnErrorOnTheMember() {
    JavaFileObject order = JavaFileObjects.forSourceLines("com.acme.Order",
        "package com.acme;",
        "",
        "import io.rillflow.annotations.Document;",
        "import io.rillflow.annotations.Version;",
        "",
        "@Document",
        "public record Order(",
        "    String id,",
        "    @Version String version) {}");

    Compilation compilation = compile(order);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("[Rillflow/VersionType] @Version member version of document Order is of type "
            + "String; a version must be int or long")
        .inFile(order)
        .onLineContaining("@Version String version");
  }

  @Test
  void twoVersionsAreAnErrorOnTheSecond() {
    JavaFileObject order = JavaFileObjects.forSourceLines("com.acme.Order",
        "package com.acme;",
        "",
        "import io.rillflow.annotations.Version;",
        "",
        "@io.rillflow.annotations.Document",
        "public class Order {",
        "  String id;",
        "  @Version long version;",
        "  @Version long revision;",
        "}");

    Compilation compilation = compile(order);

    assertThat(compilation)
        .hadErrorContaining("[Rillflow/DuplicateVersion] Document Order has two @Version members, version and revision")
        .inFile(order)
        .onLineContaining("@Version long revision");
  }

  @Test
  void classWithoutAConstructorJacksonCanUseIsAnError() {
    JavaFileObject order = JavaFileObjects.forSourceLines("com.acme.Order",
        "package com.acme;",
        "",
        "@io.rillflow.annotations.Document",
        "public class Order {",
        "  final String id;",
        "  public Order(String id) { this.id = id; }",
        "}");

    Compilation compilation = compile(order);

    assertThat(compilation)
        .hadErrorContaining("[Rillflow/DocumentNoConstructor] Document Order has no constructor without parameters")
        .inFile(order)
        .onLineContaining("public class Order");
  }

  @Test
  void mutableVersionedDocumentGetsVersionAccessAndIdAssignment() {
    JavaFileObject order = JavaFileObjects.forSourceLines("com.acme.Order",
        "package com.acme;",
        "",
        "@io.rillflow.annotations.Document(softDelete = true)",
        "public class Order {",
        "  java.util.UUID id;",
        "  @io.rillflow.annotations.Version private int revision;",
        "  public int getRevision() { return revision; }",
        "  public void setRevision(int revision) { this.revision = revision; }",
        "}");

    Compilation compilation = compile(order);

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("com.acme.Order_Mapping").contentsAsUtf8String()
        .contains("document.id = id;");
    assertThat(compilation).generatedSourceFile("com.acme.Order_Mapping").contentsAsUtf8String()
        .contains("return \"revision\";");
    assertThat(compilation).generatedSourceFile("com.acme.Order_Mapping").contentsAsUtf8String()
        .contains("document.setRevision((int) version);");
    assertThat(compilation).generatedSourceFile("com.acme.Order_Mapping").contentsAsUtf8String()
        .contains("public boolean softDelete() {\n        return true;");
  }

  @Test
  void nestedObjectsGetNestedPathClassesAndDuplicatedColumnsAreKnown() throws java.io.IOException {
    JavaFileObject address = JavaFileObjects.forSourceLines("com.acme.Address",
        "package com.acme;",
        "public record Address(String city, Geo geo) {",
        "  public record Geo(double lat, double lon) {}",
        "}");
    JavaFileObject customer = JavaFileObjects.forSourceLines("com.acme.Customer",
        "package com.acme;",
        "",
        "@io.rillflow.annotations.Document",
        "@io.rillflow.annotations.Duplicated(path = \"address.city\", lowercase = true)",
        "public record Customer(java.util.UUID id, Address address, java.util.List<String> tags, boolean active,",
        "    java.util.Map<String, Integer> scores, Customer referrer) {}");

    Compilation compilation = compile(customer, address);

    assertThat(compilation).succeededWithoutWarnings();
    String metamodel = compilation.generatedSourceFile("com.acme.Customer_").orElseThrow().getCharContent(true).toString();
    org.assertj.core.api.Assertions.assertThat(metamodel)
        .contains("public static final AddressPaths address = new AddressPaths();")
        .contains("public final StringPath<Customer> city = new StringPath<>(List.of(\"address\", \"city\"), \"address_city\", true);")
        .contains("public final ComparablePath<Customer, Double> lat = new ComparablePath<>(List.of(\"address\", \"geo\", \"lat\"), null, false, Double.class);")
        .contains("public static final CollectionPath<Customer, String> tags = new CollectionPath<>(List.of(\"tags\"), String.class);")
        .contains("public static final BooleanPath<Customer> active = new BooleanPath<>(List.of(\"active\"), null);")
        .contains("public static final Path<Customer, Map<String, Integer>> scores = new Path<>(List.of(\"scores\"), null, false, Map.class);")
        .contains("public static final Path<Customer, Customer> referrer");
  }
}
