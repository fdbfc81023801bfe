package io.rillflow.processor.read;

import io.rillflow.sql.SqlTypes;
import java.util.Locale;
import java.util.Optional;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/** A Java type as the rule book ({@link SqlTypes}) names it: how it is stored in a column and compared. */
final class ColumnTypes {
  private ColumnTypes() {}

  /** The {@code ColumnType} the type is stored as when duplicated into a column, if it has one. */
  static Optional<String> of(TypeMirror type) {
    if (type.getKind().isPrimitive()) {
      return Optional.ofNullable(SqlTypes.columnType(type.getKind().name().toLowerCase(Locale.ROOT), false));
    }
    if (type.getKind() != TypeKind.DECLARED) {
      return Optional.empty();
    }
    TypeElement element = (TypeElement) ((DeclaredType) type).asElement();
    return Optional.ofNullable(SqlTypes.columnType(element.getQualifiedName().toString(),
        element.getKind() == ElementKind.ENUM));
  }

  /** The type a value of {@code type} compares as in SQL; only for types {@link #of} knows. */
  static String compareType(TypeMirror type) {
    if (type.getKind().isPrimitive()) {
      return SqlTypes.compareType(type.getKind().name().toLowerCase(Locale.ROOT), false);
    }
    TypeElement element = (TypeElement) ((DeclaredType) type).asElement();
    return SqlTypes.compareType(element.getQualifiedName().toString(), element.getKind() == ElementKind.ENUM);
  }
}
