package io.rillflow.processor.read;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import io.rillflow.processor.Diagnostics;
import io.rillflow.processor.Message;
import io.rillflow.processor.model.DocumentModel;
import io.rillflow.processor.model.IdKind;
import io.rillflow.processor.model.RepositoryModel;
import io.rillflow.processor.query.QueryMethod;
import io.rillflow.processor.query.QueryMethodReader;
import io.rillflow.processor.query.SqlPlanner;
import java.util.ArrayList;
import java.util.function.Function;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/** Reads one {@code @Repository} interface into a {@link RepositoryModel}, or reports why it cannot. */
public final class RepositoryReader {
  private static final String BASE = "io.rillflow.DocumentRepository";
  private static final String SESSION = "io.rillflow.DocumentSession";

  private final Diagnostics diagnostics;
  private final Elements elements;
  private final Types types;
  private final QueryMethodReader queries;
  /** The model of a document, from this compilation or read from the class path. */
  private final Function<TypeElement, Optional<DocumentModel>> documents;

  public RepositoryReader(Diagnostics diagnostics, Elements elements, Types types,
      Function<TypeElement, Optional<DocumentModel>> documents) {
    this.diagnostics = diagnostics;
    this.elements = elements;
    this.types = types;
    this.queries = new QueryMethodReader(diagnostics, elements, types);
    this.documents = documents;
  }

  public Optional<RepositoryModel> read(Element element) {
    if (element.getKind() != ElementKind.INTERFACE) {
      diagnostics.error(element, Message.REPOSITORY_NOT_INTERFACE, element.getSimpleName(),
          element.getKind().toString().toLowerCase(Locale.ROOT).replace('_', ' '));
      return Optional.empty();
    }
    TypeElement repository = (TypeElement) element;
    if (!repository.getTypeParameters().isEmpty()) {
      diagnostics.error(repository, Message.REPOSITORY_GENERIC, repository.getSimpleName());
      return Optional.empty();
    }
    TypeElement base = elements.getTypeElement(BASE);
    DeclaredType baseType = base == null ? null : findBase(repository.asType(), base);
    if (baseType == null || baseType.getTypeArguments().size() != 2
        || baseType.getTypeArguments().stream().anyMatch(t -> t.getKind() != TypeKind.DECLARED)) {
      diagnostics.error(repository, Message.REPOSITORY_NO_BASE, repository.getSimpleName());
      return Optional.empty();
    }
    TypeElement document = (TypeElement) ((DeclaredType) baseType.getTypeArguments().get(0)).asElement();
    TypeMirror declaredId = baseType.getTypeArguments().get(1);
    if (Annotations.find(document, DocumentReader.DOCUMENT).isEmpty()) {
      diagnostics.error(repository, Message.REPOSITORY_NOT_A_DOCUMENT, repository.getSimpleName(), document.getSimpleName());
      return Optional.empty();
    }
    Optional<TypeMirror> actualId = DocumentReader.idTypeOf(document);
    if (actualId.isEmpty()) {
      // The document's own errors are reported on it.
      return Optional.empty();
    }
    TypeName actualBoxed = TypeName.get(actualId.get()).box();
    if (!TypeName.get(declaredId).equals(actualBoxed)) {
      diagnostics.error(repository, Message.REPOSITORY_WRONG_ID, repository.getSimpleName(), TypeName.get(declaredId),
          document.getSimpleName(), actualBoxed, document.getSimpleName(), actualBoxed);
      return Optional.empty();
    }
    Optional<DocumentModel> documentModel = documents.apply(document);
    if (documentModel.isEmpty()) {
      // The document's own errors are reported on it.
      return Optional.empty();
    }
    SqlPlanner planner = new SqlPlanner(documentModel.get());
    List<RepositoryModel.Query> planned = new ArrayList<>();
    boolean valid = true;
    boolean redeclaresIn = false;
    for (ExecutableElement method : ElementFilter.methodsIn(elements.getAllMembers(repository))) {
      if (!method.getModifiers().contains(Modifier.ABSTRACT)) {
        continue;
      }
      TypeElement owner = (TypeElement) method.getEnclosingElement();
      if (owner.getQualifiedName().contentEquals(BASE)) {
        continue;
      }
      if (isIn(method, repository)) {
        redeclaresIn = true;
        continue;
      }
      Optional<QueryMethod> query = queries.read(repository, method, documentModel.get());
      if (query.isPresent()) {
        planned.add(new RepositoryModel.Query(query.get(), planner.plan(query.get())));
      } else {
        valid = false;
      }
    }
    if (!valid) {
      return Optional.empty();
    }
    boolean injectable = elements.getTypeElement("jakarta.inject.Singleton") != null;
    return Optional.of(new RepositoryModel(repository, ClassName.get(repository), ClassName.get(document),
        IdKind.of(actualBoxed).orElseThrow().boxed(), redeclaresIn, injectable, List.copyOf(planned)));
  }

  /** The document a repository interface serves, when it names one; nothing is reported. */
  public Optional<TypeElement> documentOf(Element element) {
    TypeElement base = elements.getTypeElement(BASE);
    if (element.getKind() != ElementKind.INTERFACE || base == null) {
      return Optional.empty();
    }
    DeclaredType baseType = findBase(element.asType(), base);
    if (baseType == null || baseType.getTypeArguments().isEmpty()
        || baseType.getTypeArguments().get(0).getKind() != TypeKind.DECLARED) {
      return Optional.empty();
    }
    return Optional.of((TypeElement) ((DeclaredType) baseType.getTypeArguments().get(0)).asElement());
  }

  /** {@code in(DocumentSession)} redeclared to return the repository itself (or a supertype of it). */
  private boolean isIn(ExecutableElement method, TypeElement repository) {
    List<? extends javax.lang.model.element.VariableElement> parameters = method.getParameters();
    return method.getSimpleName().contentEquals("in") && parameters.size() == 1
        && TypeName.get(parameters.get(0).asType()).toString().equals(SESSION)
        && types.isAssignable(repository.asType(), method.getReturnType());
  }

  private DeclaredType findBase(TypeMirror type, TypeElement base) {
    for (TypeMirror supertype : types.directSupertypes(type)) {
      if (supertype.getKind() != TypeKind.DECLARED) {
        continue;
      }
      DeclaredType declared = (DeclaredType) supertype;
      if (declared.asElement().equals(base)) {
        return declared;
      }
      DeclaredType deeper = findBase(supertype, base);
      if (deeper != null) {
        return deeper;
      }
    }
    return null;
  }
}
