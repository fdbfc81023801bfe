package io.rillflow.processor.write;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.rillflow.processor.model.DocumentModel;
import io.rillflow.processor.model.PathModel;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code <Type>_}: one typed path constant per queryable member, with a nested class per
 * nested object ({@code Customer_.address.city}).
 */
public final class MetamodelWriter {
  private static final ClassName PATH = ClassName.get("io.rillflow.query", "Path");
  private static final ClassName STRING_PATH = ClassName.get("io.rillflow.query", "StringPath");
  private static final ClassName COMPARABLE_PATH = ClassName.get("io.rillflow.query", "ComparablePath");
  private static final ClassName BOOLEAN_PATH = ClassName.get("io.rillflow.query", "BooleanPath");
  private static final ClassName COLLECTION_PATH = ClassName.get("io.rillflow.query", "CollectionPath");
  private static final ClassName OBJECT_PATH = ClassName.get("io.rillflow.query", "ObjectPath");

  private final SourceWriter sources;

  public MetamodelWriter(SourceWriter sources) {
    this.sources = sources;
  }

  /** The metamodel class of a document: {@code Customer_}. */
  public static ClassName metamodelName(DocumentModel document) {
    return ClassName.get(document.type().packageName(), String.join("_", document.type().simpleNames()) + "_");
  }

  /** The expression naming {@code path}'s constant: {@code Customer_.address.city}. */
  public static CodeBlock reference(DocumentModel document, PathModel path) {
    return CodeBlock.of("$T.$L", metamodelName(document), String.join(".", path.segments()));
  }

  public void write(DocumentModel document) {
    ClassName name = metamodelName(document);
    TypeSpec.Builder type = TypeSpec.classBuilder(name)
        .addJavadoc("The queryable paths of {@link $T}, for conditions and orderings:\n"
            + "{@code session.query($T.class).where($T.<path>.eq(value))}.\n", document.type(), document.type(), name)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
    for (PathModel path : document.paths()) {
      type.addField(field(document, name, path, true));
      if (path.kind() == PathModel.PathKind.OBJECT) {
        type.addType(nested(document, name, path));
      }
    }
    sources.write(name.packageName(), type, document.element());
  }

  private TypeSpec nested(DocumentModel document, ClassName metamodel, PathModel object) {
    ClassName name = nestedName(metamodel, object);
    TypeSpec.Builder type = TypeSpec.classBuilder(name)
        .addJavadoc("The paths below {@code $L}.\n", object.dotted())
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .superclass(ParameterizedTypeName.get(OBJECT_PATH, document.type()))
        .addMethod(MethodSpec.constructorBuilder()
            .addModifiers(Modifier.PRIVATE)
            .addStatement("super($L)", segments(object.segments()))
            .build());
    for (PathModel child : object.children()) {
      type.addField(field(document, metamodel, child, false));
      if (child.kind() == PathModel.PathKind.OBJECT) {
        type.addType(nested(document, metamodel, child));
      }
    }
    return type.build();
  }

  /** {@code AddressPaths} for {@code address}; {@code Address_GeoPaths} for {@code address.geo}. */
  private static ClassName nestedName(ClassName metamodel, PathModel object) {
    StringBuilder simple = new StringBuilder();
    for (String segment : object.segments()) {
      simple.append(simple.length() == 0 ? "" : "_").append(Character.toUpperCase(segment.charAt(0))).append(segment.substring(1));
    }
    ClassName enclosing = metamodel;
    for (int i = 1; i < object.segments().size(); i++) {
      PathModel parent = new PathModel(object.segments().subList(0, i), PathModel.PathKind.OBJECT, null, null, null, false,
          null, List.of());
      enclosing = enclosing.nestedClass(nestedName(metamodel, parent).simpleName());
    }
    return enclosing.nestedClass(simple + "Paths");
  }

  private FieldSpec field(DocumentModel document, ClassName metamodel, PathModel path, boolean isStatic) {
    TypeName d = document.type();
    String column = path.column() == null ? "null" : "\"" + path.column() + "\"";
    TypeName type;
    CodeBlock init;
    CodeBlock segments = segments(path.segments());
    switch (path.kind()) {
      case STRING -> {
        type = ParameterizedTypeName.get(STRING_PATH, d);
        init = CodeBlock.of("new $T<>($L, $L, $L)", STRING_PATH, segments, column, path.lowercase());
      }
      case BOOLEAN -> {
        type = ParameterizedTypeName.get(BOOLEAN_PATH, d);
        init = CodeBlock.of("new $T<>($L, $L)", BOOLEAN_PATH, segments, column);
      }
      case COMPARABLE -> {
        type = ParameterizedTypeName.get(COMPARABLE_PATH, d, path.valueType());
        init = CodeBlock.of("new $T<>($L, $L, $L, $T.class)", COMPARABLE_PATH, segments, column, path.lowercase(), path.valueType());
      }
      case COLLECTION -> {
        type = ParameterizedTypeName.get(COLLECTION_PATH, d, path.valueType());
        init = CodeBlock.of("new $T<>($L, $T.class)", COLLECTION_PATH, segments, path.valueType());
      }
      case OBJECT -> {
        ClassName nested = nestedName(metamodel, path);
        type = nested;
        init = CodeBlock.of("new $T()", nested);
      }
      default -> {
        type = ParameterizedTypeName.get(PATH, d, path.valueType().isPrimitive() ? path.valueType().box() : path.valueType());
        init = CodeBlock.of("new $T<>($L, null, false, $T.class)", PATH, segments, rawClass(path.valueType()));
      }
    }
    FieldSpec.Builder field = FieldSpec.builder(type, path.name(), Modifier.PUBLIC, Modifier.FINAL).initializer(init);
    if (isStatic) {
      field.addModifiers(Modifier.STATIC);
    }
    return field.build();
  }

  private static TypeName rawClass(TypeName type) {
    return type instanceof ParameterizedTypeName parameterized ? parameterized.rawType() : type;
  }

  private static CodeBlock segments(List<String> segments) {
    return CodeBlock.of("$T.of($L)", List.class,
        segments.stream().map(s -> CodeBlock.of("$S", s)).collect(CodeBlock.joining(", ")));
  }
}
