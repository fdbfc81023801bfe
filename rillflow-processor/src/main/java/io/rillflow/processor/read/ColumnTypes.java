package io.rillflow.processor.read;

import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/** The {@code ColumnType} a Java type is stored as when duplicated into a column, if it has one. */
final class ColumnTypes {
  private static final Map<TypeKind, String> PRIMITIVES = Map.of(
      TypeKind.INT, "INTEGER", TypeKind.SHORT, "INTEGER", TypeKind.BYTE, "INTEGER",
      TypeKind.LONG, "BIGINT", TypeKind.DOUBLE, "DOUBLE", TypeKind.FLOAT, "DOUBLE",
      TypeKind.BOOLEAN, "BOOLEAN", TypeKind.CHAR, "TEXT");
  private static final Map<String, String> DECLARED = Map.ofEntries(
      Map.entry("java.lang.String", "TEXT"),
      Map.entry("java.lang.Character", "TEXT"),
      Map.entry("java.lang.Integer", "INTEGER"),
      Map.entry("java.lang.Short", "INTEGER"),
      Map.entry("java.lang.Byte", "INTEGER"),
      Map.entry("java.lang.Long", "BIGINT"),
      Map.entry("java.lang.Double", "DOUBLE"),
      Map.entry("java.lang.Float", "DOUBLE"),
      Map.entry("java.lang.Boolean", "BOOLEAN"),
      Map.entry("java.math.BigDecimal", "NUMERIC"),
      Map.entry("java.math.BigInteger", "NUMERIC"),
      Map.entry("java.util.UUID", "UUID"),
      Map.entry("java.time.Instant", "TIMESTAMPTZ"),
      Map.entry("java.time.OffsetDateTime", "TIMESTAMPTZ"),
      Map.entry("java.time.ZonedDateTime", "TIMESTAMPTZ"),
      Map.entry("java.time.LocalDateTime", "TIMESTAMP"),
      Map.entry("java.time.LocalDate", "DATE"));

  private ColumnTypes() {}

  static Optional<String> of(TypeMirror type) {
    if (type.getKind().isPrimitive()) {
      return Optional.ofNullable(PRIMITIVES.get(type.getKind()));
    }
    if (type.getKind() != TypeKind.DECLARED) {
      return Optional.empty();
    }
    TypeElement element = (TypeElement) ((DeclaredType) type).asElement();
    if (element.getKind() == ElementKind.ENUM) {
      return Optional.of("TEXT");
    }
    return Optional.ofNullable(DECLARED.get(element.getQualifiedName().toString()));
  }
}
