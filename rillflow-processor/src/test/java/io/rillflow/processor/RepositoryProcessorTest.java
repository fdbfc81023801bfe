package io.rillflow.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class RepositoryProcessorTest {
  private static final JavaFileObject CUSTOMER = JavaFileObjects.forSourceLines("com.acme.Customer",
      "package com.acme;",
      "@io.rillflow.annotations.Document",
      "public record Customer(java.util.UUID id, String email) {}");

  private static Compilation compile(JavaFileObject... sources) {
    return javac().withProcessors(new RillflowProcessor()).withOptions("-Xlint:all,-processing").compile(sources);
  }

  @Test
  void repositoryGetsAnInjectableImplementationRegisteredInTheModule() {
    JavaFileObject repository = JavaFileObjects.forSourceLines("com.acme.CustomerRepository",
        "package com.acme;",
        "",
        "import io.rillflow.DocumentRepository;",
        "import io.rillflow.DocumentSession;",
        "import java.util.UUID;",
        "",
        "@io.rillflow.annotations.Repository",
        "public interface CustomerRepository extends DocumentRepository<Customer, UUID> {",
        "  CustomerRepository in(DocumentSession session);",
        "}");

    Compilation compilation = compile(CUSTOMER, repository);

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("com.acme.CustomerRepositoryImpl").hasSourceEquivalentTo(
        JavaFileObjects.forSourceLines("com.acme.CustomerRepositoryImpl",
            "package com.acme;",
            "",
            "import io.rillflow.DocumentSession;",
            "import io.rillflow.DocumentStore;",
            "import io.rillflow.spi.AbstractDocumentRepository;",
            "import jakarta.inject.Inject;",
            "import jakarta.inject.Singleton;",
            "import java.util.UUID;",
            "import javax.annotation.processing.Generated;",
            "",
            "@Singleton",
            "@Generated(\"io.rillflow.processor.RillflowProcessor\")",
            "public final class CustomerRepositoryImpl extends AbstractDocumentRepository<Customer, UUID>",
            "    implements CustomerRepository {",
            "  @Inject",
            "  public CustomerRepositoryImpl(DocumentStore store) { super(store, Customer.class, null); }",
            "",
            "  private CustomerRepositoryImpl(DocumentStore store, DocumentSession session) {",
            "    super(store, Customer.class, session);",
            "  }",
            "",
            "  @Override",
            "  public CustomerRepository in(DocumentSession session) { return new CustomerRepositoryImpl(store(), session); }",
            "}"));
    assertThat(compilation).generatedSourceFile("com.acme.Customer_RillflowModule").contentsAsUtf8String()
        .contains("registry.repository(CustomerRepository.class, CustomerRepositoryImpl::new);");
  }

  @Test
  void repositoryOnAClassIsAnError() {
    JavaFileObject repository = JavaFileObjects.forSourceLines("com.acme.CustomerRepository",
        "package com.acme;",
        "@io.rillflow.annotations.Repository",
        "public abstract class CustomerRepository {}");

    assertThat(compile(CUSTOMER, repository))
        .hadErrorContaining("[Rillflow/RepositoryNotInterface] @Repository must be on an interface, but CustomerRepository is class")
        .inFile(repository)
        .onLineContaining("public abstract class CustomerRepository");
  }

  @Test
  void repositoryThatDoesNotExtendTheBaseIsAnError() {
    JavaFileObject repository = JavaFileObjects.forSourceLines("com.acme.CustomerRepository",
        "package com.acme;",
        "@io.rillflow.annotations.Repository",
        "public interface CustomerRepository {}");

    assertThat(compile(CUSTOMER, repository))
        .hadErrorContaining("[Rillflow/RepositoryNoBase] @Repository CustomerRepository must extend io.rillflow.DocumentRepository<T, ID>")
        .inFile(repository)
        .onLineContaining("public interface CustomerRepository");
  }

  @Test
  void repositoryOfANonDocumentIsAnError() {
    JavaFileObject repository = JavaFileObjects.forSourceLines("com.acme.NameRepository",
        "package com.acme;",
        "@io.rillflow.annotations.Repository",
        "public interface NameRepository extends io.rillflow.DocumentRepository<String, String> {}");

    assertThat(compile(repository))
        .hadErrorContaining("[Rillflow/RepositoryNotADocument] @Repository NameRepository serves String, which is not a @Document")
        .inFile(repository)
        .onLineContaining("public interface NameRepository");
  }

  @Test
  void repositoryWithTheWrongIdTypeIsAnErrorThatShowsTheRightOne() {
    JavaFileObject repository = JavaFileObjects.forSourceLines("com.acme.CustomerRepository",
        "package com.acme;",
        "@io.rillflow.annotations.Repository",
        "public interface CustomerRepository extends io.rillflow.DocumentRepository<Customer, Long> {}");

    assertThat(compile(CUSTOMER, repository))
        .hadErrorContaining("[Rillflow/RepositoryWrongId] @Repository CustomerRepository declares id type Long, "
            + "but the id of Customer is UUID; write DocumentRepository<Customer, UUID>")
        .inFile(repository)
        .onLineContaining("public interface CustomerRepository");
  }

  @Test
  void aGenericRepositoryIsAnError() {
    JavaFileObject repository = JavaFileObjects.forSourceLines("com.acme.AnyRepository",
        "package com.acme;",
        "@io.rillflow.annotations.Repository",
        "public interface AnyRepository<T> extends io.rillflow.DocumentRepository<T, String> {}");

    assertThat(compile(repository))
        .hadErrorContaining("[Rillflow/RepositoryGeneric] @Repository AnyRepository has type parameters")
        .inFile(repository)
        .onLineContaining("public interface AnyRepository");
  }
}
