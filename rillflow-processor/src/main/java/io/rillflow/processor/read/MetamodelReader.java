package io.rillflow.processor.read;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import io.rillflow.processor.model.DuplicatedModel;
import io.rillflow.processor.model.PathModel;
import io.rillflow.processor.model.PathModel.PathKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * Builds a document's queryable paths: each stored member, and the members of nested application
 * classes and records below it (to a depth of {@value #MAX_DEPTH}, never re-entering a type already
 * on the way, so recursive types end).
 */
public final class MetamodelReader {
  static final int MAX_DEPTH = 5;
  private static final Set<String> COLLECTIONS = Set.of(
      "java.util.Collection", "java.util.List", "java.util.Set", "java.util.SortedSet", "java.util.Queue");

  private final Types types;

  public MetamodelReader(Types types) {
    this.types = types;
  }

  public List<PathModel> read(TypeElement document, List<DuplicatedModel> duplicated) {
    return members(document, List.of(), duplicated, new ArrayList<>(List.of(document.getQualifiedName().toString())));
  }

  private List<PathModel> members(TypeElement type, List<String> prefix, List<DuplicatedModel> duplicated, List<String> seen) {
    List<PathModel> paths = new ArrayList<>();
    for (Properties.Found member : Properties.of(type)) {
      TypeKind kind = member.type().getKind();
      if (kind == TypeKind.TYPEVAR || kind == TypeKind.WILDCARD || kind == TypeKind.ERROR) {
        // No class literal can name such a type; it is stored, but not queryable by path.
        continue;
      }
      List<String> segments = new ArrayList<>(prefix);
      segments.add(member.name());
      paths.add(path(segments, member.type(), duplicated, seen));
    }
    return paths;
  }

  private PathModel path(List<String> segments, TypeMirror type, List<DuplicatedModel> duplicated, List<String> seen) {
    DuplicatedModel column = duplicated.stream().filter(d -> d.path().equals(segments)).findFirst().orElse(null);
    String columnName = column == null ? null : column.column();
    boolean lowercase = column != null && column.lowercase();
    TypeName boxed = TypeName.get(type).box();
    if (ColumnTypes.of(type).isPresent()) {
      PathKind kind = boxed.equals(ClassName.get(String.class)) || boxed.equals(ClassName.get(Character.class))
          ? PathKind.STRING
          : boxed.equals(ClassName.get(Boolean.class)) ? PathKind.BOOLEAN : PathKind.COMPARABLE;
      return new PathModel(List.copyOf(segments), kind, type, boxed, columnName, lowercase,
          ColumnTypes.compareType(type), List.of());
    }
    if (type.getKind() == TypeKind.DECLARED) {
      DeclaredType declared = (DeclaredType) type;
      TypeElement element = (TypeElement) declared.asElement();
      String name = element.getQualifiedName().toString();
      if (COLLECTIONS.contains(name) && declared.getTypeArguments().size() == 1) {
        TypeMirror elementType = declared.getTypeArguments().get(0);
        if (ColumnTypes.of(elementType).isPresent() && elementType.getKind() == TypeKind.DECLARED) {
          return new PathModel(List.copyOf(segments), PathKind.COLLECTION, type, TypeName.get(elementType), null, false,
              ColumnTypes.compareType(elementType), List.of());
        }
      }
      boolean application = !name.startsWith("java.") && !name.startsWith("javax.")
          && (element.getKind() == ElementKind.CLASS || element.getKind() == ElementKind.RECORD)
          && declared.getTypeArguments().isEmpty();
      if (application && segments.size() < MAX_DEPTH && !seen.contains(name)) {
        List<String> deeper = new ArrayList<>(seen);
        deeper.add(name);
        return new PathModel(List.copyOf(segments), PathKind.OBJECT, type, TypeName.get(types.erasure(type)), null, false,
            null, members(element, segments, duplicated, deeper));
      }
    }
    return new PathModel(List.copyOf(segments), PathKind.OTHER, type, boxed, null, false, null, List.of());
  }
}
