package io.rillflow.internal.document;

import java.util.Map;
import java.util.UUID;

/** The PostgreSQL column type of each supported id class. */
public final class IdColumns {
  private static final Map<Class<?>, String> TYPES = Map.of(
      UUID.class, "uuid",
      String.class, "text",
      Long.class, "bigint",
      Integer.class, "integer");

  private IdColumns() {}

  /**
   * The column type for {@code idType}.
   *
   * @throws IllegalArgumentException for an unsupported id class
   */
  public static String sqlType(Class<?> idType) {
    String type = TYPES.get(idType);
    if (type == null) {
      throw new IllegalArgumentException("Unsupported id type " + idType.getName()
          + "; ids are UUID, String, Long or Integer");
    }
    return type;
  }
}
