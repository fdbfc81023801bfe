package io.rillflow.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * The first half of every step: read each element of a round that carries one annotation into a
 * model. A reader's own exception is reported on its element as an internal error, so one broken
 * element never stops the others from being read and reported.
 */
final class AnnotatedElements {
  private AnnotatedElements() {}

  static <M> List<M> read(Elements elements, RoundEnvironment round, String annotationName, Diagnostics diagnostics,
      Function<Element, Optional<M>> reader) {
    return read(elements, round, annotationName, diagnostics, reader, null);
  }

  /** As above; elements needing a type that does not exist yet wait in {@code deferral}. */
  static <M> List<M> read(Elements elements, RoundEnvironment round, String annotationName, Diagnostics diagnostics,
      Function<Element, Optional<M>> reader, Deferral deferral) {
    TypeElement annotation = elements.getTypeElement(annotationName);
    if (annotation == null) {
      return List.of();
    }
    List<M> read = new ArrayList<>();
    Iterable<? extends Element> candidates = deferral == null
        ? round.getElementsAnnotatedWith(annotation)
        : deferral.candidates(elements, round, annotation);
    for (Element element : candidates) {
      try {
        if (deferral == null || !deferral.waits(element, round, diagnostics)) {
          reader.apply(element).ifPresent(read::add);
        }
      } catch (RuntimeException e) {
        diagnostics.internalError(element, e);
      }
    }
    return read;
  }
}
