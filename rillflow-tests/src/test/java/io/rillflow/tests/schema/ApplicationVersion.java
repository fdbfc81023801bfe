package io.rillflow.tests.schema;

import io.rillflow.DocumentStore;
import io.rillflow.DocumentStoreBuilder;
import io.rillflow.query.StringPath;
import io.rillflow.annotations.Document;
import io.rillflow.processor.RillflowProcessor;
import io.rillflow.spi.RillflowModule;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * One version of an application: its sources compiled by javac with the real Rillflow processor
 * into a directory of its own, loaded by a class loader of its own (over the test's, which holds the
 * runtime), and its generated module handed to a store. Two versions of one class so run side by
 * side in one JVM as two deployments would against one database.
 */
final class ApplicationVersion {
  private final URLClassLoader loader;
  private final RillflowModule module;

  private ApplicationVersion(URLClassLoader loader, RillflowModule module) {
    this.loader = loader;
    this.module = module;
  }

  /** Compiles {@code sources} (file name to text) into {@code directory} and loads the result. */
  static ApplicationVersion compile(Path directory, Map<String, String> sources) throws Exception {
    Path src = Files.createDirectories(directory.resolve("src"));
    Path classes = Files.createDirectories(directory.resolve("classes"));
    List<String> files = new ArrayList<>();
    for (Map.Entry<String, String> source : sources.entrySet()) {
      Path file = src.resolve(source.getKey());
      Files.writeString(file, source.getValue(), StandardCharsets.UTF_8);
      files.add(file.toString());
    }
    // Surefire may hide the class path in a manifest jar: name each needed jar by a class it holds.
    String classPath = Stream.of(Document.class, RillflowProcessor.class, com.palantir.javapoet.JavaFile.class,
            DocumentStore.class)
        .map(ApplicationVersion::location).distinct().collect(Collectors.joining(java.io.File.pathSeparator));
    List<String> arguments = new ArrayList<>(List.of("-d", classes.toString(), "-classpath", classPath,
        "-processorpath", classPath, "-processor", RillflowProcessor.class.getName(), "--release", "17"));
    arguments.addAll(files);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    java.io.ByteArrayOutputStream errors = new java.io.ByteArrayOutputStream();
    int status = javac.run(null, errors, errors, arguments.toArray(String[]::new));
    if (status != 0) {
      throw new IllegalStateException("javac failed: " + errors.toString(StandardCharsets.UTF_8));
    }
    URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
        ApplicationVersion.class.getClassLoader());
    String moduleClass = Files.readString(classes.resolve("META-INF/services/" + RillflowModule.class.getName())).trim();
    RillflowModule module = (RillflowModule) loader.loadClass(moduleClass).getConstructor().newInstance();
    return new ApplicationVersion(loader, module);
  }

  private static String location(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A store of this version only: its module, none discovered. */
  DocumentStore start(DocumentStoreBuilder builder) {
    return builder.discoverModules(false).module(module).build();
  }

  @SuppressWarnings("unchecked")
  Class<Object> type(String name) throws ClassNotFoundException {
    return (Class<Object>) loader.loadClass(name);
  }

  /** A new document of the record {@code name}, built by its canonical constructor. */
  Object document(String name, Object... components) throws Exception {
    Class<?> type = type(name);
    return type.getDeclaredConstructors()[0].newInstance(components);
  }

  /** The metamodel's string path {@code field} of {@code type}. */
  @SuppressWarnings("unchecked")
  StringPath<Object> stringPath(String type, String field) throws Exception {
    return (StringPath<Object>) loader.loadClass(type + "_").getField(field).get(null);
  }

  /** Calls a one-argument repository method of this version's repository {@code name}. */
  Object callRepository(DocumentStore store, String name, String method, Object argument) throws Exception {
    Class<?> repository = loader.loadClass(name);
    Object implementation = store.repository(repository.asSubclass(io.rillflow.DocumentRepository.class));
    return repository.getMethod(method, argument.getClass()).invoke(implementation, argument);
  }

  static UUID id() {
    return UUID.randomUUID();
  }

  void close() throws IOException {
    loader.close();
  }
}
