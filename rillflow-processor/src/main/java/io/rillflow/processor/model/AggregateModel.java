package io.rillflow.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.List;
import javax.lang.model.element.TypeElement;

/**
 * One {@code @Aggregate} type.
 *
 * @param element the annotated class or record
 * @param type its class name
 * @param snapshotEvery {@code @Aggregate(snapshotEvery)}
 * @param lifecycle the name of the {@code Lifecycle} constant
 * @param strict {@code @Aggregate(strict)}
 * @param instantiable whether generated code can call a no-argument constructor
 * @param handlers the {@code @Apply} handlers, in declaration order
 * @param snapshotSchema a fingerprint of the stored shape: fields and handled events
 */
public record AggregateModel(
    TypeElement element, ClassName type, int snapshotEvery, String lifecycle, boolean strict, boolean instantiable,
    List<HandlerModel> handlers, int snapshotSchema) {

  /** The generated folder's name: {@code Order_Aggregate}, {@code Outer_Inner_Aggregate}. */
  public ClassName mappingName() {
    return ClassName.get(type.packageName(), String.join("_", type.simpleNames()) + "_Aggregate");
  }
}
