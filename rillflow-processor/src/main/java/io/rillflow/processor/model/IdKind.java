package io.rillflow.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.Optional;

/** The id types a document may have, with the boxed class the mapping declares. */
public enum IdKind {
  UUID(ClassName.get("java.util", "UUID"), "uuid"),
  STRING(ClassName.get(String.class), "text"),
  LONG(ClassName.get(Long.class), "bigint"),
  INTEGER(ClassName.get(Integer.class), "integer");

  private final ClassName boxed;
  private final String columnType;

  IdKind(ClassName boxed, String columnType) {
    this.boxed = boxed;
    this.columnType = columnType;
  }

  /** The boxed id class, the mapping's {@code ID} type argument. */
  public ClassName boxed() {
    return boxed;
  }

  /** The PostgreSQL type of the id column. */
  public String columnType() {
    return columnType;
  }

  /** The kind for a declared id type, if it is a supported one. */
  public static Optional<IdKind> of(TypeName type) {
    TypeName boxedType = type.isPrimitive() ? type.box() : type;
    for (IdKind kind : values()) {
      if (kind.boxed.equals(boxedType)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
