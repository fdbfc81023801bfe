package io.rillflow.processor.write;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import io.rillflow.processor.model.RepositoryModel;
import io.rillflow.processor.query.Argument;
import io.rillflow.processor.query.QueryMethod;
import io.rillflow.sql.Bind;
import java.math.BigDecimal;
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

  private static void addQuery(TypeSpec.Builder type, RepositoryModel.Query query, Set<String> constants,
      Map<String, List<String>> paths) {
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
    for (Bind bind : query.plan().binds()) {
      call.add(bindCall(bind, value(query.plan().slots().get(bind.slot()), element), paths));
    }
    if (method.sortParameter() >= 0) {
      call.add(".sort($L)", element.getParameters().get(method.sortParameter()).getSimpleName());
    }
    if (query.plan().runtimeLimit() >= 0) {
      call.add(".limit($L)", query.plan().runtimeLimit());
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

  /** The call on the generated query that binds one placeholder of the plan. */
  private static CodeBlock bindCall(Bind bind, CodeBlock value, Map<String, List<String>> paths) {
    if (bind instanceof Bind.Value) {
      return CodeBlock.of(".bind($L)", value);
    }
    if (bind instanceof Bind.Containing containing) {
      String path = pathConstant(containing.path(), paths);
      return switch (containing.shape()) {
        case VALUE -> CodeBlock.of(".bindContaining($L, $L)", path, value);
        case ELEMENT -> CodeBlock.of(".bindContainingAll($L, $T.of($L))", path, List.class, value);
        case ELEMENTS -> CodeBlock.of(".bindContainingAll($L, $L)", path, value);
      };
    }
    if (bind instanceof Bind.Array array) {
      return CodeBlock.of(".bindArray($L, $S)", value, array.elementType());
    }
    if (bind instanceof Bind.JsonArray) {
      return CodeBlock.of(".bindJsonArray($L)", value);
    }
    Bind.Pattern pattern = (Bind.Pattern) bind;
    return CodeBlock.of(".bindPattern($S, $L, $S)", pattern.before(), value, pattern.after());
  }

  /** A method parameter by name, or a literal from {@code @Query} as Java. */
  private static CodeBlock value(Argument argument, ExecutableElement method) {
    if (argument instanceof Argument.Parameter parameter) {
      return CodeBlock.of("$L", method.getParameters().get(parameter.index()).getSimpleName());
    }
    Object literal = ((Argument.Literal) argument).value();
    if (literal instanceof BigDecimal number) {
      return CodeBlock.of("new $T($S)", BigDecimal.class, number.toPlainString());
    }
    if (literal instanceof Boolean bool) {
      return CodeBlock.of("$L", bool);
    }
    return CodeBlock.of("$S", literal);
  }

  /** The name of a constant holding a path's segments, declared once per repository. */
  private static String pathConstant(List<String> segments, Map<String, List<String>> paths) {
    // Segments join with a double underscore, so that makerCity and maker.city stay apart.
    String name = "PATH_" + String.join("__", segments.stream().map(RepositoryWriter::constantName).toList());
    paths.put(name, segments);
    return name;
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
      addQuery(type, query, constants, paths);
    }
    paths.forEach((constant, segments) -> type.addField(FieldSpec.builder(
            ParameterizedTypeName.get(ClassName.get(List.class), ClassName.get(String.class)), constant,
            Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .initializer("$T.of($L)", List.class, segments.stream().map(s -> CodeBlock.of("$S", s)).collect(CodeBlock.joining(", ")))
        .build()));
    sources.write(name.packageName(), type, repository.element());
  }
}
