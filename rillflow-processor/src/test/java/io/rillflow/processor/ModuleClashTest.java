package io.rillflow.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.rillflow.DocumentRepository;
import io.rillflow.DocumentStore;
import io.rillflow.spi.AggregateMapping;
import io.rillflow.spi.DocumentMapping;
import io.rillflow.spi.EventMapping;
import io.rillflow.spi.ModuleRegistry;
import io.rillflow.spi.ProjectionMapping;
import io.rillflow.spi.RillflowModule;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test-only document in the application's package: the test compilation generates its own module
 * beside the main compilation's, and a store's class path (test classes, then main classes, as a
 * build tool puts them) loads both, so neither hides the other. With one fixed module name the
 * test module hid the main one and every main repository failed at run time.
 */
class ModuleClashTest {
  @TempDir Path dir;

  @Test
  void mainAndTestCompilationsOfOnePackageBothRegister() throws IOException {
    Compilation main = javac().withProcessors(new RillflowProcessor()).compile(
        JavaFileObjects.forSourceLines("com.acme.Book",
            "package com.acme;",
            "@io.rillflow.annotations.Document public record Book(java.util.UUID id, String title) {}"),
        JavaFileObjects.forSourceLines("com.acme.BookRepository",
            "package com.acme;",
            "@io.rillflow.annotations.Repository",
            "public interface BookRepository extends io.rillflow.DocumentRepository<Book, java.util.UUID> {",
            "  java.util.List<Book> findByTitle(String title);",
            "}"));
    assertThat(main).succeededWithoutWarnings();
    Path mainClasses = write(main, dir.resolve("classes"));

    List<File> classpath = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      classpath.add(new File(entry));
    }
    classpath.add(mainClasses.toFile());
    Compilation test = javac().withProcessors(new RillflowProcessor()).withClasspath(classpath).compile(
        JavaFileObjects.forSourceLines("com.acme.Fixture",
            "package com.acme;",
            "@io.rillflow.annotations.Document public record Fixture(String id, Book book) {}"));
    assertThat(test).succeededWithoutWarnings();
    Path testClasses = write(test, dir.resolve("test-classes"));

    try (URLClassLoader loader = new URLClassLoader(
        new URL[] {testClasses.toUri().toURL(), mainClasses.toUri().toURL()}, getClass().getClassLoader())) {
      List<String> modules = new ArrayList<>();
      Registered registered = new Registered();
      for (RillflowModule module : ServiceLoader.load(RillflowModule.class, loader)) {
        modules.add(module.getClass().getName());
        module.register(registered);
      }
      assertThat(modules).containsExactlyInAnyOrder("com.acme.Book_RillflowModule", "com.acme.Fixture_RillflowModule");
      assertThat(registered.documents).containsExactlyInAnyOrder("com.acme.Book", "com.acme.Fixture");
      assertThat(registered.repositories).containsExactly("com.acme.BookRepository");
    }
  }

  private static Path write(Compilation compilation, Path root) throws IOException {
    for (JavaFileObject file : compilation.generatedFiles()) {
      String name = file.toUri().getPath();
      String marker = "/" + StandardLocation.CLASS_OUTPUT.getName() + "/";
      if (!name.contains(marker)) {
        continue;
      }
      Path target = root.resolve(name.substring(name.indexOf(marker) + marker.length()));
      Files.createDirectories(target.getParent());
      try (InputStream in = file.openInputStream()) {
        Files.copy(in, target);
      }
    }
    return root;
  }

  private static final class Registered implements ModuleRegistry {
    final List<String> documents = new ArrayList<>();
    final List<String> repositories = new ArrayList<>();

    @Override
    public void document(DocumentMapping<?, ?> mapping) {
      documents.add(mapping.documentType().getName());
    }

    @Override
    public <R extends DocumentRepository<?, ?>> void repository(Class<R> type, Function<DocumentStore, ? extends R> factory) {
      repositories.add(type.getName());
    }

    @Override
    public void event(EventMapping<?> mapping) {}

    @Override
    public <A, B> void upcast(Class<A> from, Class<B> to, Function<? super A, ? extends B> step) {}

    @Override
    public void upcast(String eventName, int fromVersion, UnaryOperator<ObjectNode> step) {}

    @Override
    public void aggregate(AggregateMapping<?> mapping) {}

    @Override
    public void projection(ProjectionMapping<?> mapping) {}
  }
}
