package io.rillflow.processor.read;

import io.rillflow.processor.Diagnostics;
import io.rillflow.processor.Message;
import io.rillflow.processor.model.TagModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Reads the {@code @Tag} members of one event class, reporting on the member every tag that
 * cannot be: a type that is not a String, UUID, number or one-component record of those, a bad or
 * repeated name, a private member without accessor.
 */
final class TagReader {
  static final String TAG = "io.rillflow.annotations.Tag";
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,100}");
  private static final Set<TypeKind> PRIMITIVE_NUMBERS = Set.of(TypeKind.BYTE, TypeKind.SHORT, TypeKind.INT,
      TypeKind.LONG, TypeKind.FLOAT, TypeKind.DOUBLE);
  private static final Set<String> VALUE_CLASSES = Set.of("java.lang.String", "java.util.UUID", "java.lang.Byte",
      "java.lang.Short", "java.lang.Integer", "java.lang.Long", "java.lang.Float", "java.lang.Double",
      "java.math.BigInteger", "java.math.BigDecimal");

  private final Diagnostics diagnostics;

  TagReader(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  /** The tags of {@code event}, or empty after reporting every problem (then {@code valid} is cleared). */
  Optional<List<TagModel>> read(TypeElement event) {
    List<TagModel> tags = new ArrayList<>();
    Map<String, Properties.Found> byName = new HashMap<>();
    boolean valid = true;
    for (Properties.Found member : Properties.of(event)) {
      Optional<AnnotationMirror> tag = Annotations.find(member.element(), TAG);
      if (tag.isEmpty()) {
        continue;
      }
      String name = Annotations.stringValue(tag.get(), "value");
      name = name.isEmpty() ? member.name() : name;
      if (!NAME.matcher(name).matches()) {
        AnnotationValue value = Annotations.value(tag.get(), "value").orElse(null);
        diagnostics.error(member.element(), tag.get(), value, Message.TAG_NAME_INVALID, name, member.name(),
            event.getSimpleName());
        valid = false;
      }
      Properties.Found earlier = byName.putIfAbsent(name, member);
      if (earlier != null) {
        diagnostics.error(member.element(), tag.get(), Message.TAG_TWICE, earlier.name(), member.name(),
            event.getSimpleName(), name);
        valid = false;
      }
      Optional<String> wrapped = Optional.empty();
      TypeMirror type = member.type();
      if (!isValue(type)) {
        wrapped = wrappedComponent(type);
        if (wrapped.isEmpty()) {
          diagnostics.error(member.element(), tag.get(), Message.TAG_TYPE, member.name(), event.getSimpleName(), type);
          valid = false;
        }
      }
      if (member.accessor().isEmpty()) {
        diagnostics.error(member.element(), tag.get(), Message.TAG_NOT_READABLE, member.name(), event.getSimpleName(),
            Properties.suggestedGetter(member.name()));
        valid = false;
        continue;
      }
      tags.add(new TagModel(name, member.accessor().get(), wrapped, type.getKind().isPrimitive()));
    }
    return valid ? Optional.of(List.copyOf(tags)) : Optional.empty();
  }

  private static boolean isValue(TypeMirror type) {
    if (PRIMITIVE_NUMBERS.contains(type.getKind())) {
      return true;
    }
    return type.getKind() == TypeKind.DECLARED
        && VALUE_CLASSES.contains(((TypeElement) ((DeclaredType) type).asElement()).getQualifiedName().toString());
  }

  /** The accessor of a record's single component when that component is a tag value. */
  private static Optional<String> wrappedComponent(TypeMirror type) {
    if (type.getKind() != TypeKind.DECLARED) {
      return Optional.empty();
    }
    TypeElement element = (TypeElement) ((DeclaredType) type).asElement();
    if (element.getKind() != ElementKind.RECORD || element.getRecordComponents().size() != 1) {
      return Optional.empty();
    }
    RecordComponentElement component = element.getRecordComponents().get(0);
    return isValue(component.asType()) ? Optional.of(component.getAccessor().getSimpleName().toString())
        : Optional.empty();
  }
}
