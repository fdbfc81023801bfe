package io.rillflow.processor.write;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import io.rillflow.processor.model.RepositoryModel;
import io.rillflow.processor.query.QueryMethod;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;

/** Writes {@code <Name>Impl}: a repository's implementation on top of the CRUD base class. */
public final class RepositoryWriter {
  private static final ClassName SINGLETON = ClassName.get("jakarta.inject", "Singleton");
  private static final ClassName INJECT = ClassName.get("jakarta.inject", "Inject");

  private final SourceWriter sources;

  public RepositoryWriter(SourceWriter sources) {
    this.sources = sources;
  }

  private static void addQuery(TypeSpec.Builder type, RepositoryModel repository, RepositoryModel.Query query,
      Set<String> constants) {
    QueryMethod method = query.method();
    ExecutableElement element = method.method();
    String base = constantName(element.getSimpleName().toString());
    String constant = base;
    for (int i = 2; !constants.add(constant); i++) {
      constant = base + "_" + i;
    }
    type.addField(FieldSpec.builder(String.class, constant, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .initializer("$S", query.plan().sql())
        .build());
    String countConstant = null;
    if (query.plan().countSql() != null) {
      countConstant = constant + "_COUNT";
      for (int i = 2; !constants.add(countConstant); i++) {
        countConstant = constant + "_COUNT_" + i;
      }
      type.addField(FieldSpec.builder(String.class, countConstant, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
          .initializer("$S", query.plan().countSql())
          .build());
    }

    CodeBlock.Builder call = CodeBlock.builder().add("query($L)", constant);
    query.plan().binds().forEach(call::add);
    if (method.sortParameter() >= 0) {
      call.add(".sort($L)", element.getParameters().get(method.sortParameter()).getSimpleName());
    }
    if (method.limit() >= 0) {
      call.add(".limit($L)", method.limit());
    }
    if (method.projection() != null) {
      call.add(".as($T.class)", ClassName.get(method.projection()));
    }
    CodeBlock statement = switch (method.result()) {
      case OPTIONAL -> CodeBlock.of("return $L.optional()", call.build());
      // A method returning the type itself answers null when nothing matches, as Spring Data's do.
      case SINGLE -> CodeBlock.of("return $L.optional().orElse(null)", call.build());
      case LIST -> CodeBlock.of("return $L.list()", call.build());
      case STREAM -> CodeBlock.of("return $L.stream()", call.build());
      case PAGE -> CodeBlock.of("return $L.page($L, $L)", call.build(),
          element.getParameters().get(method.pageParameter()).getSimpleName(), countConstant);
      case LONG -> CodeBlock.of(method.subject() == QueryMethod.Subject.DELETE ? "return $L.execute()" : "return $L.count()", call.build());
      case INT -> CodeBlock.of(method.subject() == QueryMethod.Subject.DELETE ? "return (int) $L.execute()" : "return (int) $L.count()", call.build());
      case BOOLEAN -> CodeBlock.of("return $L.exists()", call.build());
      case VOID -> CodeBlock.of("$L.execute()", call.build());
    };
    MethodSpec.Builder implementation = MethodSpec.overriding(element)
        .addStatement(statement);
    type.addMethod(implementation.build());
  }

  /** {@code findByAuthorCountry} to {@code FIND_BY_AUTHOR_COUNTRY}. */
  private static String constantName(String methodName) {
    return methodName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
  }

  public void write(RepositoryModel repository) {
    ClassName name = repository.implementationName();
    MethodSpec.Builder publicConstructor = MethodSpec.constructorBuilder()
        .addJavadoc("A repository on its own: each write is one transaction.\n")
        .addModifiers(Modifier.PUBLIC)
        .addParameter(RuntimeTypes.DOCUMENT_STORE, "store")
        .addStatement("super(store, $T.class, null)", repository.document());
    TypeSpec.Builder type = TypeSpec.classBuilder(name)
        .addJavadoc("The implementation of {@link $T}.\n", repository.type())
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .superclass(ParameterizedTypeName.get(RuntimeTypes.ABSTRACT_DOCUMENT_REPOSITORY,
            repository.document(), repository.idType()))
        .addSuperinterface(repository.type());
    if (repository.injectable()) {
      type.addAnnotation(SINGLETON);
      publicConstructor.addAnnotation(INJECT);
    }
    type.addMethod(publicConstructor.build())
        .addMethod(MethodSpec.constructorBuilder()
            .addModifiers(Modifier.PRIVATE)
            .addParameter(RuntimeTypes.DOCUMENT_STORE, "store")
            .addParameter(RuntimeTypes.DOCUMENT_SESSION, "session")
            .addStatement("super(store, $T.class, session)", repository.document())
            .build())
        .addMethod(MethodSpec.methodBuilder("in")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(repository.type())
            .addParameter(RuntimeTypes.DOCUMENT_SESSION, "session")
            .addStatement("return new $T(store(), session)", name)
            .build());
    Set<String> constants = new HashSet<>();
    Map<String, List<String>> paths = new TreeMap<>();
    for (RepositoryModel.Query query : repository.queries()) {
      addQuery(type, repository, query, constants);
      paths.putAll(query.plan().paths());
    }
    paths.forEach((constant, segments) -> type.addField(FieldSpec.builder(
            ParameterizedTypeName.get(ClassName.get(List.class), ClassName.get(String.class)), constant,
            Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .initializer("$T.of($L)", List.class, segments.stream().map(s -> CodeBlock.of("$S", s)).collect(CodeBlock.joining(", ")))
        .build()));
    sources.write(name.packageName(), type, repository.element());
  }
}
