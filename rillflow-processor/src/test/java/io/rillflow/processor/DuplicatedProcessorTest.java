package io.rillflow.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class DuplicatedProcessorTest {
  private static final JavaFileObject ADDRESS = JavaFileObjects.forSourceLines("com.acme.Address",
      "package com.acme;",
      "public record Address(String street, String city, java.util.List<String> lines) {}");

  private static Compilation compile(JavaFileObject... sources) {
    return javac().withProcessors(new RillflowProcessor()).withOptions("-Xlint:all,-processing").compile(sources);
  }

  @Test
  void duplicatedFieldsBecomeColumnsOfTheMapping() {
    JavaFileObject customer = JavaFileObjects.forSourceLines("com.acme.Customer",
        "package com.acme;",
        "",
        "import io.rillflow.annotations.Document;",
        "import io.rillflow.annotations.Duplicated;",
        "",
        "@Document",
        "@Duplicated(path = \"address.city\", lowercase = true)",
        "@Duplicated(path = \"address.street\", indexed = false)",
        "public record Customer(java.util.UUID id, @Duplicated(unique = true) String email, Address address,",
        "    @Duplicated(column = \"joined\") java.time.LocalDate joinedOn) {}");

    Compilation compilation = compile(customer, ADDRESS);

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("com.acme.Customer_Mapping").contentsAsUtf8String().contains(
        "private static final List<DuplicatedField> DUPLICATED = List.of(\n"
            + "        new DuplicatedField(\"email\", List.of(\"email\"), ColumnType.TEXT, DuplicatedField.Index.UNIQUE, DuplicatedField.TextCase.AS_STORED),\n"
            + "        new DuplicatedField(\"joined\", List.of(\"joinedOn\"), ColumnType.DATE, DuplicatedField.Index.PLAIN, DuplicatedField.TextCase.AS_STORED),\n"
            + "        new DuplicatedField(\"address_city\", List.of(\"address\", \"city\"), ColumnType.TEXT, DuplicatedField.Index.PLAIN, DuplicatedField.TextCase.LOWER),\n"
            + "        new DuplicatedField(\"address_street\", List.of(\"address\", \"street\"), ColumnType.TEXT, DuplicatedField.Index.NONE, DuplicatedField.TextCase.AS_STORED));");
  }

  /**
   * Repeated annotations are wrapped by javac in a container that has no source tree, so javac can
   * only place these errors on the type; the message names the path.
   */
  @Test
  void aPathThatDoesNotExistIsAnErrorWithTheNearestName() {
    JavaFileObject customer = JavaFileObjects.forSourceLines("com.acme.Customer",
        "package com.acme;",
        "",
        "import io.rillflow.annotations.Duplicated;",
        "",
        "@io.rillflow.annotations.Document",
        "@Duplicated(path = \"adress.city\")",
        "@Duplicated(path = \"address.citty\")",
        "public record Customer(java.util.UUID id, Address address) {}");

    Compilation compilation = compile(customer, ADDRESS);

    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining("[Rillflow/UnknownPath] @Duplicated path \"adress.city\" of document Customer does not exist: "
            + "Customer has no member \"adress\"; did you mean \"address\"?")
        .inFile(customer)
        .onLineContaining("public record Customer");
    assertThat(compilation)
        .hadErrorContaining("Address has no member \"citty\"; did you mean \"city\"?")
        .inFile(customer)
        .onLineContaining("public record Customer");
  }

  @Test
  void aValueWithNoColumnTypeIsAnError() {
    JavaFileObject customer = JavaFileObjects.forSourceLines("com.acme.Customer",
        "package com.acme;",
        "",
        "import io.rillflow.annotations.Duplicated;",
        "",
        "@io.rillflow.annotations.Document",
        "public record Customer(java.util.UUID id,",
        "    @Duplicated Address address) {}");

    Compilation compilation = compile(customer, ADDRESS);

    assertThat(compilation)
        .hadErrorContaining("[Rillflow/DuplicatedNoColumnType] @Duplicated address of document Customer is of type "
            + "Address, which has no column type")
        .inFile(customer)
        .onLineContaining("@Duplicated Address address");
  }

  @Test
  void aPathIntoACollectionIsAnError() {
    JavaFileObject customer = JavaFileObjects.forSourceLines("com.acme.Customer",
        "package com.acme;",
        "",
        "@io.rillflow.annotations.Document",
        "@io.rillflow.annotations.Duplicated(path = \"address.lines.size\")",
        "public record Customer(java.util.UUID id, Address address) {}");

    Compilation compilation = compile(customer, ADDRESS);

    assertThat(compilation)
        .hadErrorContaining("address.lines is of type java.util.List<java.lang.String>, which has no members to follow")
        .inFile(customer)
        .onLineContaining("address.lines.size");
  }

  @Test
  void lowercaseOnANumberAndAPathOnAMemberAreErrors() {
    JavaFileObject customer = JavaFileObjects.forSourceLines("com.acme.Customer",
        "package com.acme;",
        "",
        "import io.rillflow.annotations.Duplicated;",
        "",
        "@io.rillflow.annotations.Document",
        "public record Customer(java.util.UUID id,",
        "    @Duplicated(lowercase = true) int age,",
        "    @Duplicated(path = \"x\") String name) {}");

    Compilation compilation = compile(customer);

    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining("[Rillflow/DuplicatedLowercaseNotText] @Duplicated age of document Customer has lowercase = true but is of type int")
        .inFile(customer)
        .onLineContaining("int age");
    assertThat(compilation)
        .hadErrorContaining("[Rillflow/DuplicatedPathOnMember] @Duplicated on member name of document Customer takes no path")
        .inFile(customer)
        .onLineContaining("String name");
  }

  @Test
  void aColumnThatClashesIsAnError() {
    JavaFileObject customer = JavaFileObjects.forSourceLines("com.acme.Customer",
        "package com.acme;",
        "",
        "import io.rillflow.annotations.Duplicated;",
        "",
        "@io.rillflow.annotations.Document",
        "@Duplicated(path = \"address.city\", column = \"email\")",
        "public record Customer(java.util.UUID id,",
        "    @Duplicated String email,",
        "    @Duplicated(column = \"version\") String code,",
        "    Address address) {}");

    Compilation compilation = compile(customer, ADDRESS);

    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining("[Rillflow/DuplicatedColumnTaken] @Duplicated code of document Customer would use column "
            + "\"version\", which every document table has")
        .inFile(customer)
        .onLineContaining("String code");
    assertThat(compilation)
        .hadErrorContaining("@Duplicated address.city of document Customer would use column \"email\", which "
            + "@Duplicated email already uses")
        .inFile(customer)
        .onLineContaining("column = \"email\"");
  }
}
