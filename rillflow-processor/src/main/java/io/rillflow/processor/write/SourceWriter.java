package io.rillflow.processor.write;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;

/**
 * Writes one generated source file: marks the type {@code @Generated} by the processor, records
 * the elements it came from (for incremental builds), and formats it the same way every time:
 * nothing in the output depends on the time or the machine.
 */
public final class SourceWriter {
  static final String GENERATOR = "io.rillflow.processor.RillflowProcessor";
  private static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");

  private final Filer filer;

  public SourceWriter(Filer filer) {
    this.filer = filer;
  }

  void write(String packageName, TypeSpec.Builder type, Element... originatingElements) {
    type.addAnnotation(AnnotationSpec.builder(GENERATED).addMember("value", "$S", GENERATOR).build());
    for (Element element : originatingElements) {
      type.addOriginatingElement(element);
    }
    JavaFile file = JavaFile.builder(packageName, type.build())
        .skipJavaLangImports(true)
        .indent("    ")
        .build();
    try {
      file.writeTo(filer);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + packageName + "." + type.build().name(), e);
    }
  }
}
