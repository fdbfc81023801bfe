package io.rillflow.processor.validate;

import io.rillflow.processor.Diagnostics;
import io.rillflow.processor.Message;
import java.util.Set;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Reports a {@code @Tag} the event reader would never see: on a member of a class that is not an
 * {@code @Event}, or on a static or transient field, which is not part of the stored event.
 */
public final class TagPlacement {
  private static final String TAG = "io.rillflow.annotations.Tag";
  private static final String EVENT = "io.rillflow.annotations.Event";

  private final Diagnostics diagnostics;
  private final Elements elements;

  public TagPlacement(Diagnostics diagnostics, Elements elements) {
    this.diagnostics = diagnostics;
    this.elements = elements;
  }

  /** Checks every {@code @Tag} of the round. */
  public void check(RoundEnvironment round) {
    TypeElement tag = elements.getTypeElement(TAG);
    if (tag == null) {
      return;
    }
    for (Element member : round.getElementsAnnotatedWith(tag)) {
      // A record component's annotation is also on its field: report once, on the field.
      if (member.getKind() != ElementKind.FIELD) {
        continue;
      }
      Element owner = member.getEnclosingElement();
      AnnotationMirror mirror = member.getAnnotationMirrors().stream()
          .filter(m -> ((TypeElement) m.getAnnotationType().asElement()).getQualifiedName().contentEquals(TAG))
          .findFirst().orElseThrow();
      if (!hasAnnotation(owner, EVENT)) {
        diagnostics.error(member, mirror, Message.TAG_OUTSIDE_EVENT, member.getSimpleName(), owner.getSimpleName());
      } else if (member.getModifiers().contains(Modifier.STATIC) || member.getModifiers().contains(Modifier.TRANSIENT)) {
        diagnostics.error(member, mirror, Message.TAG_NOT_STORED, member.getSimpleName(), owner.getSimpleName(),
            member.getModifiers().contains(Modifier.STATIC) ? "static" : "transient");
      }
    }
  }

  private static boolean hasAnnotation(Element element, String name) {
    return element.getAnnotationMirrors().stream()
        .anyMatch(m -> ((TypeElement) m.getAnnotationType().asElement()).getQualifiedName().contentEquals(name));
  }
}
