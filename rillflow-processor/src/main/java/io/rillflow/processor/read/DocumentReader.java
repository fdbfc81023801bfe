package io.rillflow.processor.read;

import io.rillflow.processor.validate.IdRule;
import io.rillflow.processor.validate.TypeShapeValidator;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import io.rillflow.processor.Diagnostics;
import io.rillflow.processor.Message;
import io.rillflow.processor.model.DocumentModel;
import io.rillflow.processor.model.DuplicatedModel;
import io.rillflow.processor.model.IdKind;
import io.rillflow.processor.model.PropertyModel;
import io.rillflow.sql.SqlIdentifiers;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/** Reads one {@code @Document} type into a {@link DocumentModel}, or reports why it cannot. */
public final class DocumentReader {
  static final String DOCUMENT = "io.rillflow.annotations.Document";
  static final String ID = IdRule.ID;
  static final String VERSION = "io.rillflow.annotations.Version";
  static final String JSON_CREATOR = "com.fasterxml.jackson.annotation.JsonCreator";

  private final Diagnostics diagnostics;
  private final DuplicatedReader duplicated;
  private final MetamodelReader metamodel;

  public DocumentReader(Diagnostics diagnostics, MetamodelReader metamodel) {
    this.diagnostics = diagnostics;
    this.duplicated = new DuplicatedReader(diagnostics);
    this.metamodel = metamodel;
  }

  /** The model of {@code element}, or empty after reporting every problem found on it. */
  public Optional<DocumentModel> read(Element element) {
    if (element.getKind() != ElementKind.CLASS && element.getKind() != ElementKind.RECORD) {
      diagnostics.error(element, Message.DOCUMENT_NOT_A_CLASS, element.getSimpleName(),
          element.getKind().toString().toLowerCase(Locale.ROOT).replace('_', ' '));
      return Optional.empty();
    }
    TypeElement type = (TypeElement) element;
    boolean valid = checkShape(type);

    AnnotationMirror document = Annotations.find(type, DOCUMENT).orElseThrow();
    String table = Annotations.stringValue(document, "table");
    if (table.isEmpty()) {
      table = "doc_" + snakeCase(type.getSimpleName().toString());
      String problem = SqlIdentifiers.problemWith(table);
      if (problem != null) {
        diagnostics.error(type, document, Message.TABLE_NAME_DERIVED_INVALID, type.getSimpleName(), table, problem);
        valid = false;
      }
    } else if (SqlIdentifiers.problemWith(table) != null) {
      AnnotationValue value = Annotations.value(document, "table").orElse(null);
      diagnostics.error(type, document, value, Message.TABLE_NAME_INVALID, table, type.getSimpleName(),
          SqlIdentifiers.problemWith(table));
      valid = false;
    }

    boolean softDelete = Annotations.value(document, "softDelete").map(v -> (Boolean) v.getValue()).orElse(false);
    boolean gin = Annotations.value(document, "gin").map(v -> (Boolean) v.getValue()).orElse(false);
    boolean shared = Annotations.value(document, "shared").map(v -> (Boolean) v.getValue()).orElse(false);

    List<Properties.Found> properties = Properties.of(type);
    Optional<PropertyModel> version = readVersion(type, properties);
    if (version == null) {
      valid = false;
    }
    Optional<List<DuplicatedModel>> columns = duplicated.read(type, properties);
    valid &= columns.isPresent();
    Optional<Properties.Found> id = findId(type, properties);
    if (id.isEmpty()) {
      return Optional.empty();
    }
    Properties.Found idMember = id.get();
    Optional<IdKind> idKind = IdKind.of(TypeName.get(idMember.type()));
    if (idKind.isEmpty()) {
      diagnostics.error(idMember.element(), Message.ID_UNSUPPORTED_TYPE,
          idMember.name(), type.getSimpleName(), idMember.type());
      valid = false;
    }
    if (idMember.accessor().isEmpty()) {
      diagnostics.error(idMember.element(), Message.MEMBER_NOT_READABLE,
          idMember.name(), type.getSimpleName(), Properties.suggestedGetter(idMember.name()));
      valid = false;
    }
    if (!valid) {
      return Optional.empty();
    }
    return Optional.of(new DocumentModel(
        type, ClassName.get(type), table, idMember.toModel(), idKind.get(), version, softDelete, columns.get(),
        metamodel.read(type, columns.get()), gin, shared));
  }

  /** The {@code @Version} member if any; {@code null} after reporting a problem with it. */
  private Optional<PropertyModel> readVersion(TypeElement type, List<Properties.Found> properties) {
    Properties.Found found = null;
    for (Properties.Found property : properties) {
      if (Annotations.find(property.element(), VERSION).isEmpty()) {
        continue;
      }
      if (found != null) {
        diagnostics.error(property.element(), Message.VERSION_TWICE, type.getSimpleName(), found.name(), property.name());
        return null;
      }
      found = property;
    }
    if (found == null) {
      return Optional.empty();
    }
    TypeKind kind = found.type().getKind();
    if (kind != TypeKind.INT && kind != TypeKind.LONG) {
      diagnostics.error(found.element(), Message.VERSION_NOT_INTEGER, found.name(), type.getSimpleName(), found.type());
      return null;
    }
    if (found.accessor().isEmpty()) {
      diagnostics.error(found.element(), Message.MEMBER_NOT_READABLE,
          found.name(), type.getSimpleName(), Properties.suggestedGetter(found.name()));
      return null;
    }
    // A record's version lives in the session (a record cannot hold a new one); a class's must be written back.
    if (type.getKind() != ElementKind.RECORD && found.mutator().isEmpty()) {
      String name = found.name();
      diagnostics.error(found.element(), Message.VERSION_NOT_WRITABLE, name, type.getSimpleName(),
          Character.toUpperCase(name.charAt(0)) + name.substring(1), found.type(), type.getSimpleName());
      return null;
    }
    return Optional.of(found.toModel());
  }

  private boolean checkShape(TypeElement type) {
    return new TypeShapeValidator(diagnostics).validate(type, TypeShapeValidator.DOCUMENT);
  }

  /**
   * The declared type of a document's id member by {@link IdRule}, read without reporting: for
   * types of other compilations, and for repositories that name them.
   */
  public static Optional<TypeMirror> idTypeOf(TypeElement document) {
    return IdRule.find(document, Properties.of(document)) instanceof IdRule.Outcome.Found found
        ? Optional.of(found.member().type())
        : Optional.empty();
  }

  /** A constructor without parameters, or one marked {@code @JsonCreator}. */
  static boolean instantiable(TypeElement type) {
    return TypeShapeValidator.instantiable(type);
  }

  /** The id member by {@link IdRule}; reports none or two. */
  private Optional<Properties.Found> findId(TypeElement type, List<Properties.Found> properties) {
    IdRule.Outcome outcome = IdRule.find(type, properties);
    if (outcome instanceof IdRule.Outcome.Twice twice) {
      diagnostics.error(twice.second().element(), Message.DOCUMENT_TWO_IDS,
          type.getSimpleName(), twice.first().name(), twice.second().name());
      return Optional.empty();
    }
    if (outcome instanceof IdRule.Outcome.Missing) {
      diagnostics.error(type, Message.DOCUMENT_MISSING_ID, type.getSimpleName());
      return Optional.empty();
    }
    return Optional.of(((IdRule.Outcome.Found) outcome).member());
  }

  /** {@code OrderLine} to {@code order_line}; {@code HTTPLog} to {@code http_log}. */
  static String snakeCase(String name) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isUpperCase(c)) {
        boolean afterLower = i > 0 && !Character.isUpperCase(name.charAt(i - 1));
        boolean beforeLower = i > 0 && i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1))
            && Character.isUpperCase(name.charAt(i - 1));
        if (afterLower || beforeLower) {
          out.append('_');
        }
        out.append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
