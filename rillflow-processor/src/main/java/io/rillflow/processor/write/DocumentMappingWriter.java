package io.rillflow.processor.write;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import io.rillflow.processor.model.DocumentModel;
import io.rillflow.processor.model.DuplicatedModel;
import io.rillflow.processor.model.IdKind;
import io.rillflow.processor.model.PathModel;
import io.rillflow.processor.model.PropertyModel;
import java.util.List;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.type.TypeKind;

/** Writes {@code <Type>_Mapping}: how one document type is stored. */
public final class DocumentMappingWriter {
  private final SourceWriter sources;

  public DocumentMappingWriter(SourceWriter sources) {
    this.sources = sources;
  }

  private static void addVersion(TypeSpec.Builder type, DocumentModel document, PropertyModel version) {
    type.addMethod(MethodSpec.methodBuilder("versionProperty")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(String.class)
        .addStatement("return $S", version.name())
        .build());
    type.addMethod(MethodSpec.methodBuilder("version")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(long.class)
        .addParameter(document.type(), "document")
        .addStatement("return $L", version.accessor().readFrom("document"))
        .build());
    boolean isInt = version.type().getKind() == TypeKind.INT;
    String value = isInt ? "(int) version" : "version";
    MethodSpec.Builder withVersion = MethodSpec.methodBuilder("withVersion")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(document.type())
        .addParameter(document.type(), "document")
        .addParameter(long.class, "version");
    if (document.element().getKind() == ElementKind.RECORD) {
      // A record cannot be changed: the saved state is a copy carrying the new version.
      CodeBlock arguments = document.element().getRecordComponents().stream()
          .map(c -> c.getSimpleName().contentEquals(version.name())
              ? CodeBlock.of("$L", value) : CodeBlock.of("document.$L()", c.getSimpleName()))
          .collect(CodeBlock.joining(", "));
      withVersion.addStatement("return new $T($L)", document.type(), arguments);
    } else if (version.mutator().isPresent()) {
      withVersion.addStatement("$L", version.mutator().get().writeTo("document", value))
          .addStatement("return document");
    } else {
      return;
    }
    type.addMethod(withVersion.build());
  }

  private static void addPathLookup(TypeSpec.Builder type, DocumentModel document) {
    CodeBlock.Builder cases = CodeBlock.builder().add("return switch (dotted) {\n").indent();
    for (PathModel top : document.paths()) {
      for (PathModel path : top.flatten()) {
        cases.add("case $S -> $L;\n", path.dotted(), MetamodelWriter.reference(document, path));
      }
    }
    cases.add("default -> null;\n").unindent().add("};\n");
    type.addMethod(MethodSpec.methodBuilder("path")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(ParameterizedTypeName.get(ClassName.get("io.rillflow.query", "Path"), document.type(), WildcardTypeName.subtypeOf(Object.class)))
        .addParameter(String.class, "dotted")
        .addCode(cases.build())
        .build());
  }

  private static void addDuplicated(TypeSpec.Builder type, DocumentModel document) {
    TypeName listOfFields = ParameterizedTypeName.get(ClassName.get(List.class), RuntimeTypes.DUPLICATED_FIELD);
    CodeBlock.Builder fields = CodeBlock.builder().add("$T.of(", List.class).indent();
    for (int i = 0; i < document.duplicated().size(); i++) {
      DuplicatedModel field = document.duplicated().get(i);
      CodeBlock path = field.path().stream().map(p -> CodeBlock.of("$S", p)).collect(CodeBlock.joining(", "));
      // A unique index needs an index: unique without indexed is no index, as the runtime reads it.
      String index = !field.indexed() ? "NONE" : field.unique() ? "UNIQUE" : "PLAIN";
      fields.add("\nnew $T($S, $T.of($L), $T.$L, $T.$L, $T.$L)$L", RuntimeTypes.DUPLICATED_FIELD, field.column(),
          List.class, path, RuntimeTypes.COLUMN_TYPE, field.columnType(), RuntimeTypes.DUPLICATED_FIELD.nestedClass("Index"),
          index, RuntimeTypes.DUPLICATED_FIELD.nestedClass("TextCase"), field.lowercase() ? "LOWER" : "AS_STORED",
          i + 1 < document.duplicated().size() ? "," : "");
    }
    fields.unindent().add(")");
    type.addField(FieldSpec.builder(listOfFields, "DUPLICATED", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .initializer(fields.build())
        .build());
    type.addMethod(MethodSpec.methodBuilder("duplicatedFields")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(listOfFields)
        .addStatement("return DUPLICATED")
        .build());
  }

  public void write(DocumentModel document) {
    ClassName name = document.mappingName();
    ClassName idType = document.idKind().boxed();
    TypeName classOfDocument = ParameterizedTypeName.get(ClassName.get(Class.class), document.type());
    TypeName classOfId = ParameterizedTypeName.get(ClassName.get(Class.class), idType);

    TypeSpec.Builder type = TypeSpec.classBuilder(name)
        .addJavadoc("How {@link $T} is stored: table $S, id {@code $L}.\n",
            document.type(), document.table(), document.id().name())
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addSuperinterface(ParameterizedTypeName.get(RuntimeTypes.DOCUMENT_MAPPING, document.type(), idType))
        .addField(FieldSpec.builder(name, "INSTANCE", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .addJavadoc("The one instance; the mapping holds no per-store state.\n")
            .initializer("new $T()", name)
            .build())
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
        .addMethod(MethodSpec.methodBuilder("documentType")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(classOfDocument)
            .addStatement("return $T.class", document.type())
            .build())
        .addMethod(MethodSpec.methodBuilder("idType")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(classOfId)
            .addStatement("return $T.class", idType)
            .build())
        .addMethod(MethodSpec.methodBuilder("tableName")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(String.class)
            .addStatement("return $S", document.table())
            .build())
        .addMethod(MethodSpec.methodBuilder("id")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(idType)
            .addParameter(document.type(), "document")
            .addStatement("return $L", document.id().accessor().readFrom("document"))
            .build());
    if (document.idKind() == IdKind.UUID && document.id().mutator().isPresent()) {
      type.addMethod(MethodSpec.methodBuilder("canAssignId")
          .addAnnotation(Override.class)
          .addModifiers(Modifier.PUBLIC)
          .returns(boolean.class)
          .addStatement("return true")
          .build());
      type.addMethod(MethodSpec.methodBuilder("assignId")
          .addAnnotation(Override.class)
          .addModifiers(Modifier.PUBLIC)
          .addParameter(document.type(), "document")
          .addParameter(idType, "id")
          .addStatement("$L", document.id().mutator().get().writeTo("document", "id"))
          .build());
    }
    document.version().ifPresent(version -> addVersion(type, document, version));
    if (!document.duplicated().isEmpty()) {
      addDuplicated(type, document);
    }
    if (!document.paths().isEmpty()) {
      addPathLookup(type, document);
    }
    if (document.gin()) {
      type.addMethod(MethodSpec.methodBuilder("ginIndexed")
          .addAnnotation(Override.class)
          .addModifiers(Modifier.PUBLIC)
          .returns(boolean.class)
          .addStatement("return true")
          .build());
    }
    if (document.shared()) {
      type.addMethod(MethodSpec.methodBuilder("shared")
          .addAnnotation(Override.class)
          .addModifiers(Modifier.PUBLIC)
          .returns(boolean.class)
          .addStatement("return true")
          .build());
    }
    if (document.softDelete()) {
      type.addMethod(MethodSpec.methodBuilder("softDelete")
          .addAnnotation(Override.class)
          .addModifiers(Modifier.PUBLIC)
          .returns(boolean.class)
          .addStatement("return true")
          .build());
    }
    sources.write(name.packageName(), type, document.element());
  }
}
