package io.rillflow.processor.read;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Walks a dotted path ({@code address.city}) through a document's members, the way the stored JSON
 * nests them, and says where it breaks: which type lacks which member, and the nearest name it has.
 */
public final class PathResolver {
  private PathResolver() {}

  /** Where a path led: to a member's type, or to the first segment that does not exist. */
  public record Resolution(List<String> segments, TypeMirror type, String problem) {
    public boolean found() {
      return problem == null;
    }
  }

  public static Resolution resolve(TypeElement root, String dottedPath) {
    List<String> segments = List.of(dottedPath.split("\\.", -1));
    TypeElement current = root;
    TypeMirror type = null;
    for (int i = 0; i < segments.size(); i++) {
      String segment = segments.get(i);
      if (current == null) {
        return new Resolution(segments, null, String.join(".", segments.subList(0, i))
            + " is of type " + type + ", which has no members to follow");
      }
      List<Properties.Found> members = Properties.of(current);
      Optional<Properties.Found> member = members.stream().filter(m -> m.name().equals(segment)).findFirst();
      if (member.isEmpty()) {
        List<String> names = new ArrayList<>();
        members.forEach(m -> names.add(m.name()));
        String suggestion = NearestName.among(segment, names).map(n -> "; did you mean \"" + n + "\"?").orElse("");
        return new Resolution(segments, null,
            current.getSimpleName() + " has no member \"" + segment + "\"" + suggestion);
      }
      type = member.get().type();
      current = followable(type);
    }
    return new Resolution(segments, type, null);
  }

  /** The type whose members a path may continue into: a class or record of the application, not a JDK or collection type. */
  private static TypeElement followable(TypeMirror type) {
    if (type.getKind() != TypeKind.DECLARED) {
      return null;
    }
    TypeElement element = (TypeElement) ((DeclaredType) type).asElement();
    String name = element.getQualifiedName().toString();
    if (name.startsWith("java.") || name.startsWith("javax.") || element.getKind().name().equals("ENUM")) {
      return null;
    }
    return element;
  }
}
