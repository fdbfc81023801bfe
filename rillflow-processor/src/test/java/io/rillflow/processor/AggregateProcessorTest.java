package io.rillflow.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** {@code @Aggregate} and {@code @Apply}: what is generated, and one test per diagnostic. */
class AggregateProcessorTest {
  private static final JavaFileObject PLACED = JavaFileObjects.forSourceLines("com.acme.orders.OrderPlaced",
      "package com.acme.orders;",
      "",
      "@io.rillflow.annotations.Event",
      "public record OrderPlaced(String orderId, long cents) {}");
  private static final JavaFileObject SHIPPED = JavaFileObjects.forSourceLines("com.acme.orders.OrderShipped",
      "package com.acme.orders;",
      "",
      "@io.rillflow.annotations.Event",
      "public record OrderShipped(String orderId, String carrier) {}");
  private static final JavaFileObject CANCELLED = JavaFileObjects.forSourceLines("com.acme.orders.OrderCancelled",
      "package com.acme.orders;",
      "",
      "@io.rillflow.annotations.Event(name = \"Cancelled\")",
      "public record OrderCancelled(String orderId) {}");

  private static Compilation compile(JavaFileObject... sources) {
    JavaFileObject[] all = new JavaFileObject[sources.length + 3];
    all[0] = PLACED;
    all[1] = SHIPPED;
    all[2] = CANCELLED;
    System.arraycopy(sources, 0, all, 3, sources.length);
    return javac().withProcessors(new RillflowProcessor()).withOptions("-Xlint:all,-processing").compile(all);
  }

  private static JavaFileObject order(String... lines) {
    String[] source = new String[lines.length + 6];
    source[0] = "package com.acme.orders;";
    source[1] = "";
    source[2] = "import io.rillflow.events.EventEnvelope;";
    source[3] = "import io.rillflow.annotations.Aggregate;";
    source[4] = "import io.rillflow.annotations.Apply;";
    source[5] = "";
    System.arraycopy(lines, 0, source, 6, lines.length);
    return JavaFileObjects.forSourceLines("com.acme.orders.Order", source);
  }

  @Test
  void recordAggregateGetsASwitchOnTheEventTypeName() {
    Compilation compilation = compile(order(
        "@Aggregate(snapshotEvery = 100, strict = true)",
        "public record Order(String id, String status) {",
        "  @Apply static Order create(OrderPlaced e) { return new Order(e.orderId(), \"placed\"); }",
        "  @Apply Order apply(OrderShipped e, EventEnvelope<OrderShipped> envelope) { return new Order(id, \"shipped\"); }",
        "  @Apply Order apply(OrderCancelled e, EventEnvelope<?> envelope) { return new Order(id, \"cancelled\"); }",
        "}"));

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("com.acme.orders.Order_Aggregate").hasSourceEquivalentTo(
        JavaFileObjects.forSourceLines("com.acme.orders.Order_Aggregate",
            "package com.acme.orders;",
            "",
            "import io.rillflow.events.EventEnvelope;",
            "import io.rillflow.spi.AggregateMapping;",
            "import java.util.List;",
            "import javax.annotation.processing.Generated;",
            "",
            "@Generated(\"io.rillflow.processor.RillflowProcessor\")",
            "public final class Order_Aggregate implements AggregateMapping<Order> {",
            "    public static final Order_Aggregate INSTANCE = new Order_Aggregate();",
            "    private static final List<Class<?>> EVENT_TYPES = "
                + "List.of(OrderPlaced.class, OrderShipped.class, OrderCancelled.class);",
            "",
            "    private Order_Aggregate() {}",
            "",
            "    @Override public Class<Order> aggregateType() { return Order.class; }",
            "    @Override public List<Class<?>> eventTypes() { return EVENT_TYPES; }",
            "    @Override public int snapshotEvery() { return 100; }",
            "    @Override public boolean strict() { return true; }",
            "    @Override public int snapshotSchema() { return " + fingerprint(
                "com.acme.orders.Order;id:java.lang.String;status:java.lang.String",
                "|Cancelled@1:EVOLVE", "|OrderPlaced@1:CREATE", "|OrderShipped@1:EVOLVE") + "; }",
            "    @Override public Order initial() { return null; }",
            "",
            "    @Override",
            "    public Order apply(Order state, EventEnvelope<?> event) {",
            "        switch (event.type()) {",
            "            case \"OrderPlaced\" -> {",
            "                return Order.create((OrderPlaced) event.data());",
            "            }",
            "            case \"OrderShipped\" -> {",
            "                return existing(state, event).apply((OrderShipped) event.data(), "
                + "AggregateMapping.typed(event, OrderShipped.class));",
            "            }",
            "            case \"Cancelled\" -> {",
            "                return existing(state, event).apply((OrderCancelled) event.data(), event);",
            "            }",
            "            default -> {",
            "                return state;",
            "            }",
            "        }",
            "    }",
            "}"));
    assertThat(compilation).generatedSourceFile("com.acme.orders.Order_RillflowModule").contentsAsUtf8String()
        .contains("registry.aggregate(Order_Aggregate.INSTANCE);");
  }

  private static int fingerprint(String... parts) {
    return String.join("", parts).hashCode();
  }

  @Test
  void mutableClassAggregateIsMadeWithItsConstructorAndChangedInPlace() {
    Compilation compilation = compile(order(
        "@Aggregate",
        "public class Order {",
        "  String status;",
        "  @Apply void on(OrderPlaced e) { status = \"placed\"; }",
        "  @Apply void on(OrderShipped e, EventEnvelope<?> envelope) { status = \"shipped\"; }",
        "}"));

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("com.acme.orders.Order_Aggregate").contentsAsUtf8String()
        .contains("public Order initial() {\n        return new Order();");
    assertThat(compilation).generatedSourceFile("com.acme.orders.Order_Aggregate").contentsAsUtf8String()
        .contains("existing(state, event).on((OrderShipped) event.data(), event);\n                return state;");
  }

  @Test
  void handlerParameterThatIsNotAnEventIsAnErrorOnTheParameter() {
    JavaFileObject order = order(
        "@Aggregate",
        "public class Order {",
        "  @Apply void on(",
        "      String notAnEvent) {}",
        "}");

    Compilation compilation = compile(order);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("[Rillflow/ApplyNotAnEvent] @Apply handler Order.on(String) takes a "
            + "String, which is not an @Event class")
        .inFile(order)
        .onLineContaining("String notAnEvent");
  }

  @Test
  void twoHandlersForOneEventAreAnErrorOnTheSecond() {
    JavaFileObject order = order(
        "@Aggregate",
        "public class Order {",
        "  @Apply void on(OrderPlaced e) {}",
        "  @Apply void again(OrderPlaced e, EventEnvelope<?> envelope) {}",
        "}");

    Compilation compilation = compile(order);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("[Rillflow/ApplyTwice] @Apply handlers Order.on(OrderPlaced) and "
            + "Order.again(OrderPlaced, EventEnvelope<?>) both handle event \"OrderPlaced\"")
        .inFile(order)
        .onLineContaining("void again(");
  }

  @Test
  void voidHandlerOnARecordIsAnErrorOnTheHandler() {
    JavaFileObject order = order(
        "@Aggregate",
        "public record Order(String id) {",
        "  @Apply static Order create(OrderPlaced e) { return new Order(e.orderId()); }",
        "  @Apply void ship(OrderShipped e) {}",
        "}");

    Compilation compilation = compile(order);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("[Rillflow/ApplyVoidOnRecord] @Apply handler Order.ship(OrderShipped) returns "
            + "void, but record Order cannot change; return the next state instead: Order ship(...)")
        .inFile(order)
        .onLineContaining("void ship(");
  }

  @Test
  void noWayToCreateTheFirstStateIsAnErrorOnTheType() {
    JavaFileObject order = order(
        "@Aggregate",
        "public record Order(String id, String status) {",
        "  @Apply Order ship(OrderShipped e) { return new Order(id, \"shipped\"); }",
        "}");

    Compilation compilation = compile(order);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("[Rillflow/AggregateState] Aggregate Order has no way to create its first state: add a "
            + "constructor without parameters (not private), or an @Apply static Order create(E e)")
        .inFile(order)
        .onLineContaining("public record Order");
  }

  @Test
  void aPrivateConstructorIsNoWayToCreateTheFirstState() {
    JavaFileObject order = order(
        "@Aggregate",
        "public class Order {",
        "  private Order() {}",
        "  @Apply void ship(OrderShipped e) {}",
        "}");

    Compilation compilation = compile(order);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("[Rillflow/AggregateState] Aggregate Order has no way to create")
        .inFile(order)
        .onLineContaining("public class Order");
  }

  @Test
  void aggregateOnAnAbstractClassIsAnError() {
    JavaFileObject order = order(
        "@Aggregate",
        "public abstract class Order {",
        "  @Apply void ship(OrderShipped e) {}",
        "}");

    Compilation compilation = compile(order);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("[Rillflow/AggregateAbstract] @Aggregate Order is abstract; its state is instantiated when "
            + "it is loaded, so make it concrete")
        .inFile(order)
        .onLineContaining("public abstract class Order");
  }

  @Test
  void aggregateOnAnInterfaceIsAnError() {
    JavaFileObject order = order(
        "@Aggregate",
        "public interface Order {}");

    Compilation compilation = compile(order);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("[Rillflow/AggregateNotAClass] @Aggregate must be on a class or record, but Order is interface")
        .inFile(order)
        .onLineContaining("public interface Order");
  }

  @Test
  void handlersOfTheWrongShapeAreErrorsOnEachHandler() {
    JavaFileObject order = order(
        "@Aggregate",
        "public class Order {",
        "  @Apply static void placed(OrderPlaced e) {}",
        "  @Apply String shipped(OrderShipped e) { return \"\"; }",
        "  @Apply private void cancelled(OrderCancelled e) {}",
        "  @Apply void nothing() {}",
        "  @Apply void envelope(OrderPlaced e,",
        "      String notAnEnvelope) {}",
        "}");

    Compilation compilation = compile(order);

    assertThat(compilation).hadErrorCount(5);
    assertThat(compilation).hadErrorContaining("[Rillflow/ApplyStaticReturn] static @Apply handler "
        + "Order.placed(OrderPlaced) returns void; a static handler creates the state")
        .inFile(order).onLineContaining("static void placed(");
    assertThat(compilation).hadErrorContaining("[Rillflow/ApplyReturnType] @Apply handler "
        + "Order.shipped(OrderShipped) returns String; it returns void")
        .inFile(order).onLineContaining("String shipped(");
    assertThat(compilation).hadErrorContaining("[Rillflow/ApplyNotAccessible] @Apply handler "
        + "Order.cancelled(OrderCancelled) is private")
        .inFile(order).onLineContaining("void cancelled(");
    assertThat(compilation).hadErrorContaining("[Rillflow/ApplyParameters] @Apply handler Order.nothing() takes 0 parameters")
        .inFile(order).onLineContaining("void nothing(");
    assertThat(compilation).hadErrorContaining("[Rillflow/ApplyEnvelopeType] The second parameter of @Apply handler "
        + "Order.envelope(OrderPlaced, String) is a String")
        .inFile(order).onLineContaining("String notAnEnvelope");
  }

  @Test
  void inlineAggregateThatIsNotADocumentIsAnErrorOnTheAttribute() {
    JavaFileObject order = order(
        "@Aggregate(",
        "    lifecycle = io.rillflow.annotations.Lifecycle.INLINE)",
        "public record Order(String id) {",
        "  @Apply static Order create(OrderPlaced e) { return new Order(e.orderId()); }",
        "}");

    Compilation compilation = compile(order);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("[Rillflow/AggregateDocument] @Aggregate Order has lifecycle = INLINE, "
        + "so its state is also stored as a document; annotate it @Document too")
        .inFile(order).onLineContaining("lifecycle = ");
  }

  @Test
  void negativeSnapshotEveryIsAnErrorOnTheAttribute() {
    JavaFileObject order = order(
        "@Aggregate(",
        "    snapshotEvery = -1)",
        "public class Order {",
        "  @Apply void on(OrderPlaced e) {}",
        "}");

    Compilation compilation = compile(order);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("[Rillflow/AggregateSnapshot] @Aggregate Order has snapshotEvery = -1")
        .inFile(order).onLineContaining("snapshotEvery = -1");
  }

  @Test
  void inlineAggregateThatIsADocumentGetsItsLifecycle() {
    Compilation compilation = compile(order(
        "@io.rillflow.annotations.Document",
        "@Aggregate(lifecycle = io.rillflow.annotations.Lifecycle.INLINE)",
        "public record Order(String id) {",
        "  @Apply static Order create(OrderPlaced e) { return new Order(e.orderId()); }",
        "}"));

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("com.acme.orders.Order_Aggregate").contentsAsUtf8String()
        .contains("public Lifecycle lifecycle() {\n        return Lifecycle.INLINE;");
    assertThat(compilation).generatedSourceFile("com.acme.orders.Order_RillflowModule").contentsAsUtf8String()
        .contains("registry.document(Order_Mapping.INSTANCE);");
  }

  @Test
  void asyncAggregateThatIsNotADocumentIsAnError() {
    JavaFileObject order = order(
        "@Aggregate(lifecycle = io.rillflow.annotations.Lifecycle.ASYNC)",
        "public class Order {",
        "  @Apply void on(OrderPlaced e) {}",
        "}");

    Compilation compilation = compile(order);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("[Rillflow/AggregateDocument] @Aggregate Order has lifecycle = ASYNC")
        .inFile(order).onLineContaining("lifecycle = ");
  }

  @Test
  void handlerThatThrowsACheckedExceptionIsAnError() {
    JavaFileObject order = order(
        "@Aggregate",
        "public class Order {",
        "  @Apply void on(OrderPlaced e) throws java.io.IOException {}",
        "}");

    Compilation compilation = compile(order);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("[Rillflow/ApplyCheckedException] @Apply handler Order.on(OrderPlaced) "
        + "declares checked exception IOException")
        .inFile(order).onLineContaining("void on(");
  }

  @Test
  void handlerOfAnOlderVersionOfAnEventIsAnErrorOnTheParameter() {
    JavaFileObject placedV1 = JavaFileObjects.forSourceLines("com.acme.orders.OrderPlacedV1",
        "package com.acme.orders;",
        "",
        "@io.rillflow.annotations.Event(name = \"OrderPlaced\")",
        "public record OrderPlacedV1(String orderId) {}");
    JavaFileObject placedV2 = JavaFileObjects.forSourceLines("com.acme.orders.OrderPlacedV2",
        "package com.acme.orders;",
        "",
        "@io.rillflow.annotations.Event(name = \"OrderPlaced\", version = 2)",
        "public record OrderPlacedV2(String orderId, long cents) {",
        "  @io.rillflow.annotations.Upcast static OrderPlacedV2 up(OrderPlacedV1 old) { return new OrderPlacedV2(old.orderId(), 0); }",
        "}");
    JavaFileObject order = JavaFileObjects.forSourceLines("com.acme.orders.Tally",
        "package com.acme.orders;",
        "",
        "@io.rillflow.annotations.Aggregate",
        "public class Tally {",
        "  @io.rillflow.annotations.Apply void on(",
        "      OrderPlacedV1 e) {}",
        "}");

    Compilation compilation = javac().withProcessors(new RillflowProcessor()).withOptions("-Xlint:all,-processing")
        .compile(placedV1, placedV2, order);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("[Rillflow/ApplyEventVersion] @Apply handler "
        + "Tally.on(OrderPlacedV1) takes OrderPlacedV1, version 1 of \"OrderPlaced\"; every read upcasts "
        + "it to OrderPlacedV2 (version 2), so this handler would never run; take OrderPlacedV2 instead")
        .inFile(order).onLineContaining("OrderPlacedV1 e)");
  }
}
