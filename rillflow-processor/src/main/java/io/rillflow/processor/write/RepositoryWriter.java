package io.rillflow.processor.write;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import io.rillflow.processor.model.RepositoryModel;
import javax.lang.model.element.Modifier;

/** Writes {@code <Name>Impl}: a repository's implementation on top of the CRUD base class. */
public final class RepositoryWriter {
  private static final ClassName SINGLETON = ClassName.get("jakarta.inject", "Singleton");
  private static final ClassName INJECT = ClassName.get("jakarta.inject", "Inject");

  private final SourceWriter sources;

  public RepositoryWriter(SourceWriter sources) {
    this.sources = sources;
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
    sources.write(name.packageName(), type, repository.element());
  }
}
