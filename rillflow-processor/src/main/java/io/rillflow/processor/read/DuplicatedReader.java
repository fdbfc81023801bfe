package io.rillflow.processor.read;

import io.rillflow.processor.Diagnostics;
import io.rillflow.processor.Message;
import io.rillflow.processor.model.DuplicatedModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;

/**
 * Reads a document's {@code @Duplicated} annotations, on members and on the type, into columns;
 * reports a path that does not exist, a type with no column type, and column names that clash.
 */
final class DuplicatedReader {
  static final String DUPLICATED = "io.rillflow.annotations.Duplicated";
  static final String DUPLICATED_LIST = "io.rillflow.annotations.Duplicated.List";
  private static final Set<String> FIXED_COLUMNS = Set.of("id", "data", "version", "created_at", "updated_at", "deleted_at");
  private static final Pattern COLUMN = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private final Diagnostics diagnostics;

  DuplicatedReader(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  /** The duplicated columns, or empty after reporting every problem. */
  Optional<List<DuplicatedModel>> read(TypeElement type, List<Properties.Found> properties) {
    boolean valid = true;
    List<DuplicatedModel> columns = new ArrayList<>();
    Map<String, String> columnOwners = new HashMap<>();

    for (Properties.Found property : properties) {
      Optional<AnnotationMirror> annotation = Annotations.find(property.element(), DUPLICATED);
      if (annotation.isEmpty()) {
        continue;
      }
      AnnotationMirror mirror = annotation.get();
      if (!Annotations.stringValue(mirror, "path").isEmpty()) {
        diagnostics.error(property.element(), mirror, Annotations.value(mirror, "path").orElseThrow(),
            Message.DUPLICATED_PATH_ON_MEMBER, property.name(), type.getSimpleName());
        valid = false;
        continue;
      }
      valid &= add(columns, columnOwners, type, property.element(), mirror, List.of(property.name()), property.type());
    }

    for (AnnotationMirror mirror : typeLevel(type)) {
      String path = Annotations.stringValue(mirror, "path");
      if (path.isEmpty()) {
        diagnostics.error(type, mirror, Message.DUPLICATED_MISSING_PATH, type.getSimpleName());
        valid = false;
        continue;
      }
      PathResolver.Resolution resolution = PathResolver.resolve(type, path);
      if (!resolution.found()) {
        diagnostics.error(type, mirror, Annotations.value(mirror, "path").orElseThrow(),
            Message.DUPLICATED_UNKNOWN_PATH, path, type.getSimpleName(), resolution.problem());
        valid = false;
        continue;
      }
      valid &= add(columns, columnOwners, type, type, mirror, resolution.segments(), resolution.type());
    }
    return valid ? Optional.of(List.copyOf(columns)) : Optional.empty();
  }

  private boolean add(List<DuplicatedModel> columns, Map<String, String> owners, TypeElement type,
      Element element, AnnotationMirror mirror, List<String> path, TypeMirror valueType) {
    String dotted = String.join(".", path);
    Optional<String> columnType = ColumnTypes.of(valueType);
    if (columnType.isEmpty()) {
      diagnostics.error(element, mirror, Message.DUPLICATED_NO_COLUMN_TYPE, dotted, type.getSimpleName(), valueType);
      return false;
    }
    boolean lowercase = booleanValue(mirror, "lowercase", false);
    if (lowercase && !columnType.get().equals("TEXT")) {
      diagnostics.error(element, mirror, Annotations.value(mirror, "lowercase").orElseThrow(),
          Message.DUPLICATED_LOWERCASE_NOT_TEXT, dotted, type.getSimpleName(), valueType);
      return false;
    }
    String column = Annotations.stringValue(mirror, "column");
    if (column.isEmpty()) {
      column = String.join("_", path.stream().map(DocumentReader::snakeCase).toList()).toLowerCase(Locale.ROOT);
    } else if (!COLUMN.matcher(column).matches()) {
      diagnostics.error(element, mirror, Annotations.value(mirror, "column").orElseThrow(),
          Message.DUPLICATED_COLUMN_INVALID, dotted, type.getSimpleName(), column);
      return false;
    }
    String clash = FIXED_COLUMNS.contains(column) ? "every document table has"
        : owners.containsKey(column) ? "@Duplicated " + owners.get(column) + " already uses" : null;
    if (clash != null) {
      diagnostics.error(element, mirror, Message.DUPLICATED_COLUMN_TAKEN, dotted, type.getSimpleName(), column, clash);
      return false;
    }
    owners.put(column, dotted);
    columns.add(new DuplicatedModel(column, path, columnType.get(),
        booleanValue(mirror, "indexed", true), booleanValue(mirror, "unique", false), lowercase));
    return true;
  }

  /**
   * Type-level annotations, whether written once or repeated. Repeated ones come wrapped in a
   * container javac made up, which has no source tree: errors on them land on the type itself.
   */
  private static List<AnnotationMirror> typeLevel(TypeElement type) {
    List<AnnotationMirror> found = new ArrayList<>();
    Annotations.find(type, DUPLICATED).ifPresent(found::add);
    Annotations.find(type, DUPLICATED_LIST).flatMap(list -> Annotations.value(list, "value")).ifPresent(value -> {
      @SuppressWarnings("unchecked")
      List<? extends AnnotationValue> values = (List<? extends AnnotationValue>) value.getValue();
      for (AnnotationValue each : values) {
        found.add((AnnotationMirror) each.getValue());
      }
    });
    return found;
  }

  private static boolean booleanValue(AnnotationMirror mirror, String name, boolean otherwise) {
    return Annotations.value(mirror, name).map(v -> (Boolean) v.getValue()).orElse(otherwise);
  }
}
