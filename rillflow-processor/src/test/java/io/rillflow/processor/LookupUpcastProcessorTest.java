package io.rillflow.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** An {@code @Upcast} that takes a {@code QuerySession}: registered as a lookup step; other second parameters fail. */
class LookupUpcastProcessorTest {
  private static final JavaFileObject V1 = JavaFileObjects.forSourceLines("com.acme.orders.PaidV1",
      "package com.acme.orders;",
      "@io.rillflow.annotations.Event(name = \"Paid\", version = 1)",
      "record PaidV1(String customerId) {}");
  private static final JavaFileObject V2 = JavaFileObjects.forSourceLines("com.acme.orders.PaidV2",
      "package com.acme.orders;",
      "@io.rillflow.annotations.Event(name = \"Paid\", version = 2)",
      "record PaidV2(String customerId, String label) {}");
  private static final JavaFileObject V3 = JavaFileObjects.forSourceLines("com.acme.orders.Paid",
      "package com.acme.orders;",
      "@io.rillflow.annotations.Event(version = 3)",
      "record Paid(String customerId, String label, String region) {}");

  private static Compilation compile(JavaFileObject... sources) {
    return javac().withProcessors(new RillflowProcessor()).withOptions("-Xlint:all,-processing").compile(sources);
  }

  @Test
  void typedAndJsonStepsTakingAQuerySessionAreRegisteredAsLookups() {
    JavaFileObject upcasts = JavaFileObjects.forSourceLines("com.acme.orders.PaidUpcasts",
        "package com.acme.orders;",
        "import com.fasterxml.jackson.databind.node.ObjectNode;",
        "import io.rillflow.QuerySession;",
        "import io.rillflow.annotations.Upcast;",
        "final class PaidUpcasts {",
        "  @Upcast static PaidV2 label(PaidV1 old, QuerySession lookup) { return new PaidV2(old.customerId(), \"x\"); }",
        "  @Upcast(event = \"Paid\", from = 2) static ObjectNode region(ObjectNode body, QuerySession lookup) {",
        "    return body.put(\"region\", \"eu\");",
        "  }",
        "}");

    Compilation compilation = compile(V1, V2, V3, upcasts);

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("com.acme.orders.PaidUpcasts_Upcasts").contentsAsUtf8String()
        .contains("registry.lookupUpcast(PaidV1.class, PaidV2.class, PaidUpcasts::label);");
    assertThat(compilation).generatedSourceFile("com.acme.orders.PaidUpcasts_Upcasts").contentsAsUtf8String()
        .contains("registry.lookupUpcast(\"Paid\", 2, PaidUpcasts::region);");
  }

  @Test
  void threeParametersAreAnError() {
    JavaFileObject upcasts = JavaFileObjects.forSourceLines("com.acme.orders.PaidUpcasts",
        "package com.acme.orders;",
        "import io.rillflow.QuerySession;",
        "import io.rillflow.annotations.Upcast;",
        "final class PaidUpcasts {",
        "  @Upcast static PaidV2 label(PaidV1 old, QuerySession lookup, int extra) { return null; }",
        "}");

    Compilation compilation = compile(V1, V2, V3, upcasts);

    assertThat(compilation).hadErrorContaining("[Rillflow/UpcastParameters] @Upcast method PaidUpcasts.label takes 3"
        + " parameters").inFile(upcasts).onLineContaining("static PaidV2 label(");
  }
}
