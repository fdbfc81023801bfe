package io.rillflow.processor;

import io.rillflow.processor.read.MissingTypes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Elements a step put off because a type they need does not exist yet (another processor may
 * generate it in a later round): kept by qualified name, offered again each round, and reported
 * only when processing is over and the type is still missing (AutoValue and Dagger do the same).
 */
final class Deferral {
  private final Set<String> names = new LinkedHashSet<>();
  private final Function<Element, List<MissingTypes.Missing>> missing;
  private final boolean reports;

  /**
   * @param missing the members with missing types that an element needs read
   * @param reports whether this step reports them at the end (else the step that owns them does)
   */
  Deferral(Function<Element, List<MissingTypes.Missing>> missing, boolean reports) {
    this.missing = missing;
    this.reports = reports;
  }

  /** The elements deferred in earlier rounds, looked up again, then this round's. */
  List<Element> candidates(Elements elements, RoundEnvironment round, TypeElement annotation) {
    List<Element> all = new ArrayList<>();
    for (String name : names) {
      TypeElement again = elements.getTypeElement(name);
      if (again != null) {
        all.add(again);
      }
    }
    names.clear();
    for (Element element : round.getElementsAnnotatedWith(annotation)) {
      if (!all.contains(element)) {
        all.add(element);
      }
    }
    return all;
  }

  /**
   * Whether {@code element} waits: it needs a missing type and processing goes on (it is deferred),
   * or processing is over (each missing member is reported).
   */
  boolean waits(Element element, RoundEnvironment round, Diagnostics diagnostics) {
    List<MissingTypes.Missing> found = missing.apply(element);
    if (found.isEmpty()) {
      return false;
    }
    if (round.processingOver()) {
      for (MissingTypes.Missing member : reports ? found : List.<MissingTypes.Missing>of()) {
        diagnostics.error(member.member(), Message.MISSING_TYPE,
            member.member().getKind() == javax.lang.model.element.ElementKind.PARAMETER ? "Parameter" : "Member", member.name(),
            member.owner().getSimpleName(), member.type());
      }
    } else if (element instanceof TypeElement type) {
      names.add(type.getQualifiedName().toString());
    }
    return true;
  }
}
