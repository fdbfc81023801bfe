package io.rillflow.processor.model;

import com.palantir.javapoet.ClassName;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * One {@code @Upcast} method: a step from one version of an event to the next.
 *
 * @param element the method
 * @param owner the type that declares it
 * @param eventName the event type name
 * @param fromVersion the version it reads
 * @param input the older {@code @Event} class of a typed step; {@code null} for a JSON step
 * @param output the newer {@code @Event} class of a typed step; {@code null} for a JSON step
 * @param lookup whether it takes a {@code QuerySession} to look things up in
 */
public record UpcastModel(ExecutableElement element, TypeElement owner, String eventName, int fromVersion,
    ClassName input, ClassName output, boolean lookup) {

  /** Whether the step works on classes rather than on JSON. */
  public boolean typed() {
    return input != null;
  }

  /** {@code OrderUpcasts.up}, for messages. */
  public String describe() {
    return owner.getSimpleName() + "." + element.getSimpleName();
  }

  /** The class generated beside the owner to register its steps: {@code OrderUpcasts_Upcasts}. */
  public ClassName registrarName() {
    ClassName ownerName = ClassName.get(owner);
    return ClassName.get(ownerName.packageName(), String.join("_", ownerName.simpleNames()) + "_Upcasts");
  }
}
