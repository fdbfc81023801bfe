package io.rillflow.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** {@code @ReadModel} and its {@code @Apply} handlers: what is generated, and one test per diagnostic. */
class ReadModelProcessorTest {
  private static final JavaFileObject PLACED = JavaFileObjects.forSourceLines("com.acme.shop.OrderPlaced",
      "package com.acme.shop;",
      "",
      "@io.rillflow.annotations.Event",
      "public record OrderPlaced(String customerId, long cents, int customerNumber) {}");
  private static final JavaFileObject CLOSED = JavaFileObjects.forSourceLines("com.acme.shop.AccountClosed",
      "package com.acme.shop;",
      "",
      "@io.rillflow.annotations.Event",
      "public record AccountClosed(String customerId) {}");

  private static Compilation compile(JavaFileObject... sources) {
    JavaFileObject[] all = new JavaFileObject[sources.length + 2];
    all[0] = PLACED;
    all[1] = CLOSED;
    System.arraycopy(sources, 0, all, 2, sources.length);
    return javac().withProcessors(new RillflowProcessor()).withOptions("-Xlint:all,-processing").compile(all);
  }

  private static JavaFileObject source(String name, String... lines) {
    String[] source = new String[lines.length + 9];
    source[0] = "package com.acme.shop;";
    source[1] = "";
    source[2] = "import io.rillflow.events.EventEnvelope;";
    source[3] = "import io.rillflow.annotations.Aggregate;";
    source[4] = "import io.rillflow.annotations.Apply;";
    source[5] = "import io.rillflow.annotations.Document;";
    source[6] = "import io.rillflow.annotations.Lifecycle;";
    source[7] = "import io.rillflow.annotations.ReadModel;";
    source[8] = "";
    System.arraycopy(lines, 0, source, 9, lines.length);
    return JavaFileObjects.forSourceLines("com.acme.shop." + name, source);
  }

  @Test
  void multiStreamRecordGetsARouteAndAHandlerSwitchPerEvent() {
    Compilation compilation = compile(source("CustomerTotals",
        "@Document",
        "@ReadModel",
        "public record CustomerTotals(String id, long cents) {",
        "  @Apply(id = \"customerId\") static CustomerTotals first(OrderPlaced e) { return new CustomerTotals(e.customerId(), e.cents()); }",
        "  @Apply(id = \"customerId\") CustomerTotals next(OrderPlaced e, EventEnvelope<OrderPlaced> envelope) {",
        "    return new CustomerTotals(id, cents + e.cents());",
        "  }",
        "  @Apply(id = \"customerId\") CustomerTotals close(AccountClosed e) { return null; }",
        "}"));

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("com.acme.shop.CustomerTotals_Projection").hasSourceEquivalentTo(
        JavaFileObjects.forSourceLines("com.acme.shop.CustomerTotals_Projection",
            "package com.acme.shop;",
            "",
            "import io.rillflow.annotations.Lifecycle;",
            "import io.rillflow.events.EventEnvelope;",
            "import io.rillflow.spi.AggregateMapping;",
            "import io.rillflow.spi.ProjectionMapping;",
            "import java.util.List;",
            "import javax.annotation.processing.Generated;",
            "",
            "@Generated(\"io.rillflow.processor.RillflowProcessor\")",
            "public final class CustomerTotals_Projection implements ProjectionMapping<CustomerTotals> {",
            "    public static final CustomerTotals_Projection INSTANCE = new CustomerTotals_Projection();",
            "    private static final List<Class<?>> EVENT_TYPES = List.of(OrderPlaced.class, AccountClosed.class);",
            "",
            "    private CustomerTotals_Projection() {}",
            "",
            "    @Override public String name() { return \"customer-totals\"; }",
            "    @Override public Lifecycle lifecycle() { return Lifecycle.ASYNC; }",
            "    @Override public Class<CustomerTotals> documentType() { return CustomerTotals.class; }",
            "    @Override public List<Class<?>> eventTypes() { return EVENT_TYPES; }",
            "",
            "    @Override",
            "    public List<?> documentIds(EventEnvelope<?> event) {",
            "        switch (event.type()) {",
            "            case \"OrderPlaced\" -> {",
            "                return ProjectionMapping.requireId(((OrderPlaced) event.data()).customerId(), event, "
                + "\"OrderPlaced.customerId\");",
            "            }",
            "            case \"AccountClosed\" -> {",
            "                return ProjectionMapping.requireId(((AccountClosed) event.data()).customerId(), event, "
                + "\"AccountClosed.customerId\");",
            "            }",
            "            default -> {",
            "                return List.of();",
            "            }",
            "        }",
            "    }",
            "",
            "    @Override public CustomerTotals initial(Object id) { return null; }",
            "",
            "    @Override",
            "    public CustomerTotals apply(CustomerTotals current, Object id, EventEnvelope<?> event) {",
            "        switch (event.type()) {",
            "            case \"OrderPlaced\" -> {",
            "                if (current == null) {",
            "                    return CustomerTotals.first((OrderPlaced) event.data());",
            "                }",
            "                return current.next((OrderPlaced) event.data(), "
                + "AggregateMapping.typed(event, OrderPlaced.class));",
            "            }",
            "            case \"AccountClosed\" -> {",
            "                return existing(current, id, event).close((AccountClosed) event.data());",
            "            }",
            "            default -> {",
            "                return current;",
            "            }",
            "        }",
            "    }",
            "}"));
    assertThat(compilation).generatedSourceFile("com.acme.shop.AccountClosed_RillflowModule")
        .contentsAsUtf8String().contains("registry.projection(CustomerTotals_Projection.INSTANCE);");
  }

  @Test
  void singleStreamClassStartsFromItsConstructorWithTheStreamIdSet() {
    Compilation compilation = compile(source("OrderView",
        "@Document",
        "@ReadModel(name = \"orders\", lifecycle = Lifecycle.INLINE)",
        "public class OrderView {",
        "  java.util.UUID id;",
        "  long cents;",
        "  @Apply void placed(OrderPlaced e) { cents = e.cents(); }",
        "}"));

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("com.acme.shop.OrderView_Projection").contentsAsUtf8String()
        .contains("return Lifecycle.INLINE;");
    assertThat(compilation).generatedSourceFile("com.acme.shop.OrderView_Projection").contentsAsUtf8String()
        .contains("return List.of(event.streamUuid());");
    assertThat(compilation).generatedSourceFile("com.acme.shop.OrderView_Projection").contentsAsUtf8String()
        .contains("OrderView document = new OrderView();\n        document.id = (UUID) id;\n        return document;");
    assertThat(compilation).generatedSourceFile("com.acme.shop.OrderView_Projection").contentsAsUtf8String()
        .contains("current = existing(current, id, event);\n                current.placed((OrderPlaced) event.data());\n"
            + "                return current;");
  }

  @Test
  void anIdMemberHoldingACollectionChangesADocumentPerElement() {
    JavaFileObject tagged = JavaFileObjects.forSourceLines("com.acme.shop.Tagged",
        "package com.acme.shop;",
        "",
        "@io.rillflow.annotations.Event",
        "public record Tagged(java.util.Set<String> customerIds, String tag) {}");
    Compilation compilation = compile(tagged, source("Tags",
        "@Document",
        "@ReadModel",
        "public class Tags {",
        "  String id;",
        "  java.util.List<String> tags = new java.util.ArrayList<>();",
        "  @Apply(id = \"customerIds\") void tagged(Tagged e) { tags.add(e.tag()); }",
        "}"));

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("com.acme.shop.Tags_Projection").contentsAsUtf8String()
        .contains("return ProjectionMapping.requireIds(((Tagged) event.data()).customerIds(), event, \"Tagged.customerIds\");");
    assertThat(compilation).generatedSourceFile("com.acme.shop.Tags_Projection").contentsAsUtf8String()
        .contains("Tags document = new Tags();\n        document.id = (String) id;");
  }

  @Test
  void aCollectionOfIdsNeedsDocumentsThatStartFromAnId() {
    JavaFileObject tagged = JavaFileObjects.forSourceLines("com.acme.shop.Tagged",
        "package com.acme.shop;",
        "",
        "@io.rillflow.annotations.Event",
        "public record Tagged(java.util.List<String> customerIds, String tag) {}");
    JavaFileObject tags = source("Tags",
        "@Document",
        "@ReadModel",
        "public record Tags(String id, String tag) {",
        "  @Apply(id = \"customerIds\") static Tags first(Tagged e) { return new Tags(\"?\", e.tag()); }",
        "  @Apply(id = \"customerIds\") Tags next(Tagged e) { return new Tags(id, e.tag()); }",
        "}");

    Compilation compilation = compile(tagged, tags);

    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining("[Rillflow/ReadModelFanOutStatic] @Apply handler Tags.first(Tagged) is static, but its "
            + "event changes a document per element of Tagged.customerIds")
        .inFile(tags)
        .onLineContaining("static Tags first(");
    assertThat(compilation)
        .hadErrorContaining("[Rillflow/ReadModelFanOutNew] @Apply handler Tags.next(Tagged) changes a document per "
            + "element of Tagged.customerIds, but Tags cannot start one with a given id")
        .inFile(tags)
        .onLineContaining("Tags next(");
  }

  @Test
  void aReadModelMustBeADocument() {
    JavaFileObject totals = source("Totals",
        "@ReadModel",
        "public record Totals(String id) {",
        "  @Apply(id = \"customerId\") static Totals first(OrderPlaced e) { return new Totals(e.customerId()); }",
        "}");

    Compilation compilation = compile(totals);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("[Rillflow/ReadModelDocument] @ReadModel Totals is stored as a document; annotate it @Document too")
        .inFile(totals)
        .onLineContaining("@ReadModel");
  }

  @Test
  void everyProblemOfAReadModelIsReportedOnItsOwnLine() {
    JavaFileObject totals = source("Totals",
        "@Document",
        "@ReadModel(name = \" \",",
        "    lifecycle = Lifecycle.LIVE)",
        "public record Totals(String id, long cents) {",
        "  @Apply(id = \"customerID\") static Totals first(OrderPlaced e) { return new Totals(e.customerId(), 0); }",
        "  @Apply(id = \"cents\") Totals close(AccountClosed e) { return null; }",
        "}");

    Compilation compilation = compile(totals);

    assertThat(compilation).hadErrorCount(4);
    assertThat(compilation)
        .hadErrorContaining("[Rillflow/ReadModelName] @ReadModel Totals has name \" \"; a projection name is 1 to 200 "
            + "characters and not blank")
        .inFile(totals)
        .onLineContaining("@ReadModel(name = \" \",");
    assertThat(compilation)
        .hadErrorContaining("[Rillflow/ReadModelLifecycle] @ReadModel Totals has lifecycle = LIVE, but a read model is "
            + "stored; use ASYNC")
        .inFile(totals)
        .onLineContaining("lifecycle = Lifecycle.LIVE");
    assertThat(compilation)
        .hadErrorContaining("[Rillflow/ApplyIdUnknownMember] @Apply handler Totals.first(OrderPlaced) takes the "
            + "document id from member \"customerID\" of OrderPlaced, which has no such member; did you mean \"customerId\"?")
        .inFile(totals)
        .onLineContaining("customerID");
    assertThat(compilation)
        .hadErrorContaining("[Rillflow/ApplyIdUnknownMember] @Apply handler Totals.close(AccountClosed) takes the "
            + "document id from member \"cents\" of AccountClosed, which has no such member")
        .inFile(totals)
        .onLineContaining("Totals close(");
  }

  @Test
  void theIdMemberMustHaveTheDocumentsIdType() {
    JavaFileObject totals = source("Totals",
        "@Document",
        "@ReadModel",
        "public record Totals(String id) {",
        "  @Apply(id = \"customerNumber\") static Totals first(OrderPlaced e) { return new Totals(\"x\"); }",
        "}");

    Compilation compilation = compile(totals);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("[Rillflow/ApplyIdType] @Apply handler Totals.first(OrderPlaced) takes the "
            + "document id from OrderPlaced.customerNumber, a int, but the id of Totals is a String; name a "
            + "member of that type")
        .inFile(totals)
        .onLineContaining("customerNumber");
  }

  @Test
  void theStreamIdServesOnlyStringAndUuidIds() {
    JavaFileObject totals = source("Totals",
        "@Document",
        "@ReadModel",
        "public record Totals(long id) {",
        "  @Apply static Totals first(OrderPlaced e) { return new Totals(1); }",
        "}");

    Compilation compilation = compile(totals);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("[Rillflow/ReadModelStreamId] @Apply handler Totals.first(OrderPlaced) takes the "
            + "document id from the event's stream, but the id of Totals is a long and stream ids are String or UUID")
        .inFile(totals)
        .onLineContaining("static Totals first(");
  }

  @Test
  void oneEventHasAtMostOneInstanceHandler() {
    JavaFileObject totals = source("Totals",
        "@Document",
        "@ReadModel",
        "public record Totals(String id, long cents) {",
        "  @Apply Totals add(OrderPlaced e) { return this; }",
        "  @Apply Totals again(OrderPlaced e) { return this; }",
        "}");

    Compilation compilation = compile(totals);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("[Rillflow/ReadModelApplyTwice] @Apply handlers Totals.add(OrderPlaced) and "
            + "Totals.again(OrderPlaced) both handle event \"OrderPlaced\" as instance handlers")
        .inFile(totals)
        .onLineContaining("Totals again(");
  }

  @Test
  void bothHandlersOfAnEventFindTheDocumentTheSameWay() {
    JavaFileObject totals = source("Totals",
        "@Document",
        "@ReadModel",
        "public record Totals(String id, long cents) {",
        "  @Apply(id = \"customerId\") static Totals first(OrderPlaced e) { return new Totals(e.customerId(), 0); }",
        "  @Apply Totals next(OrderPlaced e) { return this; }",
        "}");

    Compilation compilation = compile(totals);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("[Rillflow/ReadModelRoutesDiffer] @Apply handlers Totals.first(OrderPlaced) and "
            + "Totals.next(OrderPlaced) both handle event \"OrderPlaced\" but take the document id from "
            + "different places (member customerId and the stream id)")
        .inFile(totals)
        .onLineContaining("Totals next(");
  }

  @Test
  void aReadModelWithoutHandlersIsAnError() {
    JavaFileObject totals = source("Totals",
        "@Document",
        "@ReadModel",
        "public record Totals(String id) {}");

    Compilation compilation = compile(totals);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("[Rillflow/ReadModelHandlers] @ReadModel Totals has no @Apply handlers")
        .inFile(totals)
        .onLineContaining("@ReadModel");
  }

  @Test
  void twoReadModelsCannotShareAName() {
    JavaFileObject first = source("First",
        "@Document",
        "@ReadModel(name = \"totals\")",
        "public record First(String id) {",
        "  @Apply(id = \"customerId\") static First create(OrderPlaced e) { return new First(e.customerId()); }",
        "}");
    JavaFileObject second = source("Second",
        "@Document",
        "@ReadModel(name = \"totals\")",
        "public record Second(String id) {",
        "  @Apply(id = \"customerId\") static Second create(OrderPlaced e) { return new Second(e.customerId()); }",
        "}");

    Compilation compilation = compile(first, second);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("[Rillflow/ReadModelNameTwice] @ReadModel com.acme.shop.First and com.acme.shop.Second are both "
            + "named \"totals\"");
  }

  @Test
  void anIdMemberTheGeneratedCodeCannotReadIsAnError() {
    JavaFileObject event = JavaFileObjects.forSourceLines("com.acme.events.Paid",
        "package com.acme.events;",
        "",
        "@io.rillflow.annotations.Event",
        "public class Paid {",
        "  String customerId;",
        "}");
    JavaFileObject totals = source("Totals",
        "@Document",
        "@ReadModel",
        "public record Totals(String id) {",
        "  @Apply(id = \"customerId\") static Totals first(com.acme.events.Paid e) { return new Totals(\"x\"); }",
        "}");

    Compilation compilation = compile(event, totals);

    assertThat(compilation)
        .hadErrorContaining("[Rillflow/ApplyIdNotReadable] @Apply handler Totals.first(Paid) takes the document "
            + "id from Paid.customerId, which the generated Totals_Projection cannot read; make it public or add a "
            + "public getter")
        .inFile(totals)
        .onLineContaining("static Totals first(");
  }

  @Test
  void anAggregateHandlerTakesNoId() {
    JavaFileObject order = source("Order",
        "@Aggregate",
        "public record Order(String id) {",
        "  @Apply(id = \"customerId\") static Order create(OrderPlaced e) { return new Order(e.customerId()); }",
        "}");

    Compilation compilation = compile(order);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("[Rillflow/ApplyIdOnAggregate] @Apply handler Order.create(OrderPlaced) names an id, "
            + "but Order is an @Aggregate")
        .inFile(order)
        .onLineContaining("static Order create(");
  }
}
