package io.rillflow.processor.validate;

import io.rillflow.processor.read.Annotations;
import io.rillflow.processor.read.Properties;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * The one rule that finds a document's id member, asked by the document's reader (which reports
 * what is wrong) and by a repository's reader (which must agree on the id type): the member marked
 * {@code @Id} (on the field or on its getter), else the member named {@code id}. Two rules had
 * drifted: a getter's {@code @Id} counted for the document but not for its repository.
 */
public final class IdRule {
  public static final String ID = "io.rillflow.annotations.Id";

  private IdRule() {}

  /** What the rule found. */
  public sealed interface Outcome {
    /** The id member. */
    record Found(Properties.Found member) implements Outcome {}

    /** Nothing marked and nothing named {@code id}. */
    record Missing() implements Outcome {}

    /** Two members marked {@code @Id}. */
    record Twice(Properties.Found first, Properties.Found second) implements Outcome {}
  }

  public static Outcome find(TypeElement type, List<Properties.Found> properties) {
    List<Properties.Found> marked = new ArrayList<>();
    for (Properties.Found property : properties) {
      if (Annotations.find(property.element(), ID).isPresent() || getterMarkedId(type, property)) {
        marked.add(property);
      }
    }
    if (marked.size() > 1) {
      return new Outcome.Twice(marked.get(0), marked.get(1));
    }
    if (marked.size() == 1) {
      return new Outcome.Found(marked.get(0));
    }
    for (Properties.Found property : properties) {
      if (property.name().equals("id")) {
        return new Outcome.Found(property);
      }
    }
    return new Outcome.Missing();
  }

  /** Whether the getter of a class's field carries {@code @Id} instead of the field. */
  private static boolean getterMarkedId(TypeElement type, Properties.Found property) {
    if (type.getKind() == ElementKind.RECORD || property.accessor().isEmpty() || !property.accessor().get().method()) {
      return false;
    }
    String getter = property.accessor().get().name();
    for (Element member : type.getEnclosedElements()) {
      if (member instanceof ExecutableElement method && method.getSimpleName().contentEquals(getter)
          && method.getParameters().isEmpty() && Annotations.find(method, ID).isPresent()) {
        return true;
      }
    }
    return false;
  }
}
