package io.rillflow.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** {@code @Event} and {@code @Upcast}: what is generated, and one test per diagnostic. */
class EventProcessorTest {
  private static final JavaFileObject PLACED_V1 = JavaFileObjects.forSourceLines("com.acme.orders.OrderPlacedV1",
      "package com.acme.orders;",
      "",
      "@io.rillflow.annotations.Event(name = \"OrderPlaced\", version = 1)",
      "record OrderPlacedV1(String orderId, long cents) {}");
  private static final JavaFileObject PLACED_V2 = JavaFileObjects.forSourceLines("com.acme.orders.OrderPlacedV2",
      "package com.acme.orders;",
      "",
      "@io.rillflow.annotations.Event(name = \"OrderPlaced\", version = 2)",
      "record OrderPlacedV2(String orderId, long cents, String currency) {}");
  private static final JavaFileObject PLACED = JavaFileObjects.forSourceLines("com.acme.orders.OrderPlaced",
      "package com.acme.orders;",
      "",
      "@io.rillflow.annotations.Event(version = 3)",
      "public record OrderPlaced(String orderId, java.math.BigDecimal total, String currency) {}");

  private static Compilation compile(JavaFileObject... sources) {
    return javac().withProcessors(new RillflowProcessor()).withOptions("-Xlint:all,-processing").compile(sources);
  }

  @Test
  void eventGetsAMappingThatReadsLikeHandWrittenCode() {
    Compilation compilation = compile(PLACED_V1, PLACED_V2, PLACED, upcasts(
        "  @Upcast static OrderPlacedV2 up(OrderPlacedV1 old) { return new OrderPlacedV2(old.orderId(), old.cents(), \"EUR\"); }",
        "  @Upcast(event = \"OrderPlaced\", from = 2) static ObjectNode up(ObjectNode body) {",
        "    return body.put(\"total\", body.get(\"cents\").asLong() / 100.0);",
        "  }"));

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("com.acme.orders.OrderPlaced_Event").hasSourceEquivalentTo(
        JavaFileObjects.forSourceLines("com.acme.orders.OrderPlaced_Event",
            "package com.acme.orders;",
            "",
            "import io.rillflow.spi.EventMapping;",
            "import javax.annotation.processing.Generated;",
            "",
            "@Generated(\"io.rillflow.processor.RillflowProcessor\")",
            "public final class OrderPlaced_Event implements EventMapping<OrderPlaced> {",
            "    public static final OrderPlaced_Event INSTANCE = new OrderPlaced_Event();",
            "",
            "    private OrderPlaced_Event() {}",
            "",
            "    @Override public Class<OrderPlaced> eventType() { return OrderPlaced.class; }",
            "    @Override public String typeName() { return \"OrderPlaced\"; }",
            "    @Override public int schemaVersion() { return 3; }",
            "}"));
    assertThat(compilation).generatedSourceFile("com.acme.orders.OrderUpcasts_Upcasts").hasSourceEquivalentTo(
        JavaFileObjects.forSourceLines("com.acme.orders.OrderUpcasts_Upcasts",
            "package com.acme.orders;",
            "",
            "import io.rillflow.spi.ModuleRegistry;",
            "import javax.annotation.processing.Generated;",
            "",
            "@Generated(\"io.rillflow.processor.RillflowProcessor\")",
            "public final class OrderUpcasts_Upcasts {",
            "    private OrderUpcasts_Upcasts() {}",
            "",
            "    public static void register(ModuleRegistry registry) {",
            "        registry.upcast(OrderPlacedV1.class, OrderPlacedV2.class, OrderUpcasts::up);",
            "        registry.upcast(\"OrderPlaced\", 2, OrderUpcasts::up);",
            "    }",
            "}"));
    assertThat(compilation).generatedSourceFile("com.acme.orders.OrderPlaced_RillflowModule").contentsAsUtf8String()
        .contains("registry.event(OrderPlaced_Event.INSTANCE);");
    assertThat(compilation).generatedSourceFile("com.acme.orders.OrderPlaced_RillflowModule").contentsAsUtf8String()
        .contains("registry.event(OrderPlacedV1_Event.INSTANCE);");
    assertThat(compilation).generatedSourceFile("com.acme.orders.OrderPlaced_RillflowModule").contentsAsUtf8String()
        .contains("OrderUpcasts_Upcasts.register(registry);");
  }

  @Test
  void nestedEventsAndUpcastsInAnotherPackageAreRegisteredThroughTheirOwnPackage() {
    JavaFileObject shipped = JavaFileObjects.forSourceLines("com.acme.shipping.Shipping",
        "package com.acme.shipping;",
        "",
        "import io.rillflow.annotations.Event;",
        "import io.rillflow.annotations.Upcast;",
        "",
        "final class Shipping {",
        "  @Event(name = \"Shipped\") record ShippedV1(String id) {}",
        "  @Event(name = \"Shipped\", version = 2) static final class Shipped {",
        "    String id; String carrier;",
        "    Shipped() {}",
        "    Shipped(String id, String carrier) { this.id = id; this.carrier = carrier; }",
        "    @Upcast static Shipped from(ShippedV1 old) { return new Shipped(old.id(), \"unknown\"); }",
        "  }",
        "}");

    Compilation compilation = compile(PLACED, shipped);

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("com.acme.shipping.Shipping_Shipped_Upcasts").contentsAsUtf8String()
        .contains("registry.upcast(Shipping.ShippedV1.class, Shipping.Shipped.class, Shipping.Shipped::from);");
    assertThat(compilation).generatedSourceFile("com.acme.orders.OrderPlaced_RillflowModule").contentsAsUtf8String()
        .contains("registry.event(Shipping_Shipped_Event.INSTANCE);");
  }

  @Test
  void eventOnAnInterfaceIsAnError() {
    JavaFileObject event = JavaFileObjects.forSourceLines("com.acme.Happened",
        "package com.acme;",
        "",
        "@io.rillflow.annotations.Event",
        "public interface Happened {}");

    Compilation compilation = compile(event);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("[Rillflow/EventNotAClass] @Event must be on a class or record, but Happened is interface")
        .inFile(event)
        .onLineContaining("public interface Happened");
  }

  @Test
  void eventClassWithoutAUsableConstructorIsAnError() {
    JavaFileObject event = JavaFileObjects.forSourceLines("com.acme.Happened",
        "package com.acme;",
        "",
        "@io.rillflow.annotations.Event",
        "public class Happened {",
        "  final String what;",
        "  public Happened(String what) { this.what = what; }",
        "}");

    Compilation compilation = compile(event);

    assertThat(compilation)
        .hadErrorContaining("[Rillflow/EventNoConstructor] Event Happened has no constructor without parameters")
        .inFile(event)
        .onLineContaining("public class Happened");
  }

  @Test
  void eventClassesGeneratedCodeCannotInstantiateOrReachAreErrorsOnEachClass() {
    JavaFileObject events = JavaFileObjects.forSourceLines("com.acme.Events",
        "package com.acme;",
        "",
        "import io.rillflow.annotations.Event;",
        "",
        "public class Events {",
        "  @Event public abstract static class Base {}",
        "  @Event public class Inner {}",
        "  @Event private record Hidden(String id) {}",
        "  @Event public record Generic<T>(T value) {}",
        "}");

    Compilation compilation = compile(events);

    assertThat(compilation).hadErrorCount(4);
    assertThat(compilation).hadErrorContaining("[Rillflow/EventAbstract] @Event Base is abstract")
        .inFile(events).onLineContaining("class Base");
    assertThat(compilation).hadErrorContaining("[Rillflow/EventInnerClass] @Event Inner is an inner class")
        .inFile(events).onLineContaining("class Inner");
    assertThat(compilation).hadErrorContaining("[Rillflow/EventNotAccessible] @Event Hidden is private")
        .inFile(events).onLineContaining("record Hidden");
    assertThat(compilation).hadErrorContaining("[Rillflow/EventGeneric] @Event Generic has type parameters")
        .inFile(events).onLineContaining("record Generic");
  }

  @Test
  void versionBelowOneIsAnErrorOnTheAttribute() {
    JavaFileObject event = JavaFileObjects.forSourceLines("com.acme.Happened",
        "package com.acme;",
        "",
        "@io.rillflow.annotations.Event(",
        "    version = 0)",
        "public record Happened(String what) {}");

    Compilation compilation = compile(event);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("[Rillflow/EventVersion] @Event Happened has version 0; schema versions start at 1")
        .inFile(event)
        .onLineContaining("version = 0");
  }

  @Test
  void nameWithWhiteSpaceIsAnErrorOnTheAttribute() {
    JavaFileObject event = JavaFileObjects.forSourceLines("com.acme.Happened",
        "package com.acme;",
        "",
        "@io.rillflow.annotations.Event(",
        "    name = \"order placed\")",
        "public record Happened(String what) {}");

    Compilation compilation = compile(event);

    assertThat(compilation)
        .hadErrorContaining("[Rillflow/EventName] @Event name \"order placed\" of Happened must be 1 to 200 characters")
        .inFile(event)
        .onLineContaining("name = \"order placed\"");
  }

  @Test
  void twoClassesClaimingOneNameAndVersionIsAnErrorOnTheSecond() {
    JavaFileObject other = JavaFileObjects.forSourceLines("com.acme.orders.PlacedAgain",
        "package com.acme.orders;",
        "",
        "@io.rillflow.annotations.Event(name = \"OrderPlaced\", version = 3)",
        "public record PlacedAgain(String orderId) {}");

    Compilation compilation = compile(PLACED, other);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("[Rillflow/DuplicateEvent] Events com.acme.orders.OrderPlaced and "
            + "com.acme.orders.PlacedAgain both claim type \"OrderPlaced\" version 3")
        .inFile(other)
        .onLineContaining("public record PlacedAgain");
  }

  @Test
  void aGapInTheChainIsAnErrorOnTheStepAfterIt() {
    JavaFileObject upcasts = upcasts(
        "  @Upcast(event = \"OrderPlaced\", from = 1) static ObjectNode first(ObjectNode body) { return body; }",
        "  @Upcast(event = \"OrderPlaced\", from = 3) static ObjectNode third(ObjectNode body) { return body; }");
    JavaFileObject placed = JavaFileObjects.forSourceLines("com.acme.orders.OrderPlaced",
        "package com.acme.orders;",
        "@io.rillflow.annotations.Event(version = 4)",
        "public record OrderPlaced(String orderId) {}");

    Compilation compilation = compile(placed, upcasts);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("[Rillflow/UpcastGap] The upcast chain of OrderPlaced has a gap: no @Upcast reads "
            + "version 2, so events stored at versions 1 to 2 cannot reach the current version 4; add a step from version 2")
        .inFile(upcasts)
        .onLineContaining("static ObjectNode third(");
  }

  @Test
  void twoStepsFromOneVersionIsAnErrorOnTheSecond() {
    JavaFileObject upcasts = upcasts(
        "  @Upcast static OrderPlacedV2 typed(OrderPlacedV1 old) { return null; }",
        "  @Upcast(event = \"OrderPlaced\", from = 1) static ObjectNode json(ObjectNode body) { return body; }",
        "  @Upcast(event = \"OrderPlaced\", from = 2) static ObjectNode next(ObjectNode body) { return body; }");

    Compilation compilation = compile(PLACED_V1, PLACED_V2, PLACED, upcasts);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("[Rillflow/UpcastDuplicateStep] @Upcast methods OrderUpcasts.typed and OrderUpcasts.json both "
            + "read version 1 of OrderPlaced; keep one")
        .inFile(upcasts)
        .onLineContaining("static ObjectNode json(");
  }

  @Test
  void aChainEndingBelowTheCurrentVersionIsAnErrorOnTheCurrentClass() {
    JavaFileObject upcasts = upcasts(
        "  @Upcast static OrderPlacedV2 up(OrderPlacedV1 old) { return null; }");

    Compilation compilation = compile(PLACED_V1, PLACED_V2, PLACED, upcasts);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("[Rillflow/UpcastChainShort] @Event OrderPlaced is at version 3, but the upcast chain of "
            + "OrderPlaced ends at version 2; add an @Upcast from version 2")
        .inFile(PLACED)
        .onLineContaining("public record OrderPlaced(");
  }

  @Test
  void olderClassesWithoutAnyStepAreAChainEndingBelowTheCurrentVersion() {
    Compilation compilation = compile(PLACED_V1, PLACED);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("the upcast chain of OrderPlaced ends at version 1; add an @Upcast from version 1")
        .inFile(PLACED)
        .onLineContaining("public record OrderPlaced(");
  }

  @Test
  void aStepFromTheCurrentVersionIsAnError() {
    JavaFileObject upcasts = upcasts(
        "  @Upcast(event = \"OrderPlaced\", from = 1) static ObjectNode one(ObjectNode body) { return body; }",
        "  @Upcast(event = \"OrderPlaced\", from = 2) static ObjectNode two(ObjectNode body) { return body; }",
        "  @Upcast(event = \"OrderPlaced\", from = 3) static ObjectNode three(ObjectNode body) { return body; }");

    Compilation compilation = compile(PLACED, upcasts);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("[Rillflow/UpcastBeyondCurrent] @Upcast method OrderUpcasts.three reads version 3 of OrderPlaced, "
            + "but the current version is 3 (OrderPlaced)")
        .inFile(upcasts)
        .onLineContaining("static ObjectNode three(");
  }

  @Test
  void aTypedUpcastBetweenTwoEventNamesIsAnError() {
    JavaFileObject shipped = JavaFileObjects.forSourceLines("com.acme.orders.OrderShipped",
        "package com.acme.orders;",
        "@io.rillflow.annotations.Event(version = 2)",
        "record OrderShipped(String orderId) {}");
    JavaFileObject upcasts = upcasts(
        "  @Upcast static OrderShipped up(OrderPlacedV1 old) { return null; }");

    Compilation compilation = compile(PLACED_V1, shipped, upcasts);

    assertThat(compilation)
        .hadErrorContaining("[Rillflow/UpcastName] @Upcast method OrderUpcasts.up turns a \"OrderPlaced\" into a "
            + "\"OrderShipped\"; an upcast keeps the event type, so both classes need the same @Event name")
        .inFile(upcasts)
        .onLineContaining("static OrderShipped up(");
  }

  @Test
  void aTypedUpcastThatSkipsAVersionIsAnError() {
    JavaFileObject upcasts = upcasts(
        "  @Upcast static OrderPlaced up(OrderPlacedV1 old) { return null; }");

    Compilation compilation = compile(PLACED_V1, PLACED_V2, PLACED, upcasts);

    assertThat(compilation)
        .hadErrorContaining("[Rillflow/UpcastVersion] @Upcast method OrderUpcasts.up goes from version 1 of "
            + "OrderPlaced to version 3; a step goes to the next version, 2")
        .inFile(upcasts)
        .onLineContaining("static OrderPlaced up(");
  }

  @Test
  void aJsonUpcastOfAnUnknownEventIsAnErrorThatSuggestsTheNearestName() {
    JavaFileObject upcasts = upcasts(
        "  @Upcast(event = \"OrderPlacd\", from = 1) static ObjectNode up(ObjectNode body) { return body; }");

    Compilation compilation = compile(PLACED, upcasts);

    assertThat(compilation)
        .hadErrorContaining("[Rillflow/UpcastUnknownEvent] @Upcast method OrderUpcasts.up upcasts event \"OrderPlacd\", "
            + "which no @Event class of this compilation is named; did you mean \"OrderPlaced\"?")
        .inFile(upcasts)
        .onLineContaining("static ObjectNode up(");
  }

  @Test
  void aNonStaticUpcastIsAnError() {
    JavaFileObject upcasts = upcasts(
        "  @Upcast OrderPlacedV2 up(OrderPlacedV1 old) { return null; }");

    Compilation compilation = compile(PLACED_V1, PLACED_V2, upcasts);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("[Rillflow/UpcastNotStatic] @Upcast method OrderUpcasts.up must be static")
        .inFile(upcasts)
        .onLineContaining("OrderPlacedV2 up(");
  }

  @Test
  void aPrivateUpcastIsAnError() {
    JavaFileObject upcasts = upcasts(
        "  @Upcast private static OrderPlacedV2 up(OrderPlacedV1 old) { return null; }");

    Compilation compilation = compile(PLACED_V1, PLACED_V2, upcasts);

    assertThat(compilation)
        .hadErrorContaining("[Rillflow/UpcastNotAccessible] @Upcast method OrderUpcasts.up is private")
        .inFile(upcasts)
        .onLineContaining("private static OrderPlacedV2 up(");
  }

  @Test
  void anUpcastWithASecondParameterOtherThanAQuerySessionIsAnError() {
    JavaFileObject upcasts = upcasts(
        "  @Upcast static OrderPlacedV2 up(OrderPlacedV1 old, String currency) { return null; }");

    Compilation compilation = compile(PLACED_V1, PLACED_V2, upcasts);

    assertThat(compilation)
        .hadErrorContaining("[Rillflow/UpcastLookupParameter] @Upcast method OrderUpcasts.up takes a String as its"
            + " second parameter; the only second parameter an upcast takes is the io.rillflow.QuerySession")
        .inFile(upcasts)
        .onLineContaining("static OrderPlacedV2 up(");
  }

  @Test
  void anUpcastOfANonEventParameterIsAnErrorOnTheParameter() {
    JavaFileObject upcasts = upcasts(
        "  @Upcast static OrderPlacedV2 up(",
        "      String old) { return null; }");

    Compilation compilation = compile(PLACED_V1, PLACED_V2, upcasts);

    assertThat(compilation)
        .hadErrorContaining("[Rillflow/UpcastParameterType] @Upcast method OrderUpcasts.up takes a String, which is "
            + "neither an @Event class nor ObjectNode (com.fasterxml.jackson.databind.node)")
        .inFile(upcasts)
        .onLineContaining("String old");
  }

  @Test
  void aTypedUpcastReturningANonEventIsAnError() {
    JavaFileObject upcasts = upcasts(
        "  @Upcast static String up(OrderPlacedV1 old) { return null; }");

    Compilation compilation = compile(PLACED_V1, PLACED_V2, upcasts);

    assertThat(compilation)
        .hadErrorContaining("[Rillflow/UpcastReturnType] @Upcast method OrderUpcasts.up returns String, but must "
            + "return the @Event class of version 2 of OrderPlaced")
        .inFile(upcasts)
        .onLineContaining("static String up(");
  }

  @Test
  void aJsonUpcastReturningAnotherTypeIsAnError() {
    JavaFileObject upcasts = upcasts(
        "  @Upcast(event = \"OrderPlaced\", from = 2) static JsonNode up(ObjectNode body) { return body; }");

    Compilation compilation = compile(PLACED_V1, PLACED_V2, PLACED, upcasts);

    assertThat(compilation)
        .hadErrorContaining("[Rillflow/UpcastReturnType] @Upcast method OrderUpcasts.up returns "
            + "JsonNode, but must return ObjectNode")
        .inFile(upcasts)
        .onLineContaining("static JsonNode up(");
  }

  @Test
  void aJsonUpcastWithoutEventAndVersionIsAnError() {
    JavaFileObject upcasts = upcasts(
        "  @Upcast static ObjectNode up(ObjectNode body) { return body; }");

    Compilation compilation = compile(PLACED, upcasts);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("[Rillflow/UpcastJsonAttributes] @Upcast method OrderUpcasts.up works on JSON, so it needs the "
            + "event name and the version it reads")
        .inFile(upcasts)
        .onLineContaining("static ObjectNode up(");
  }

  @Test
  void aTypedUpcastWithEventAndVersionIsAnError() {
    JavaFileObject upcasts = upcasts(
        "  @Upcast(event = \"OrderPlaced\", from = 1) static OrderPlacedV2 up(OrderPlacedV1 old) { return null; }");

    Compilation compilation = compile(PLACED_V1, PLACED_V2, upcasts);

    assertThat(compilation)
        .hadErrorContaining("[Rillflow/UpcastTypedAttributes] @Upcast method OrderUpcasts.up is typed: the event name and "
            + "version come from its parameter's @Event, so remove event and from")
        .inFile(upcasts)
        .onLineContaining("static OrderPlacedV2 up(");
  }

  @Test
  void anUpcastThrowingACheckedExceptionIsAnError() {
    JavaFileObject upcasts = upcasts(
        "  @Upcast static OrderPlacedV2 up(OrderPlacedV1 old) throws java.io.IOException { return null; }");

    Compilation compilation = compile(PLACED_V1, PLACED_V2, upcasts);

    assertThat(compilation)
        .hadErrorContaining("[Rillflow/UpcastCheckedException] @Upcast method OrderUpcasts.up declares checked exception "
            + "IOException")
        .inFile(upcasts)
        .onLineContaining("static OrderPlacedV2 up(");
  }

  /** A class {@code com.acme.orders.OrderUpcasts} with these lines as its body. */
  private static JavaFileObject upcasts(String... body) {
    String[] lines = new String[body.length + 8];
    lines[0] = "package com.acme.orders;";
    lines[1] = "";
    lines[2] = "import com.fasterxml.jackson.databind.JsonNode;";
    lines[3] = "import com.fasterxml.jackson.databind.node.ObjectNode;";
    lines[4] = "import io.rillflow.annotations.Upcast;";
    lines[5] = "";
    lines[6] = "final class OrderUpcasts {";
    System.arraycopy(body, 0, lines, 7, body.length);
    lines[lines.length - 1] = "}";
    return JavaFileObjects.forSourceLines("com.acme.orders.OrderUpcasts", lines);
  }
}
