package io.rillflow.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.List;
import javax.lang.model.element.TypeElement;

/**
 * One {@code @Event} class.
 *
 * @param element the annotated class or record
 * @param type its class name
 * @param name the stored type name
 * @param version its schema version
 * @param tags its {@code @Tag} members, in declaration order
 */
public record EventModel(TypeElement element, ClassName type, String name, int version, List<TagModel> tags) {

  /** The generated mapping's name: {@code OrderPlaced_Event}, {@code Outer_Inner_Event}. */
  public ClassName mappingName() {
    return ClassName.get(type.packageName(), String.join("_", type.simpleNames()) + "_Event");
  }
}
