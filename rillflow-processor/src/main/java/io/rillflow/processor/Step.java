package io.rillflow.processor;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.util.Elements;

/**
 * One annotation's processing in a round: read each annotated element into a model (elements that
 * need a type not generated yet wait in the deferral), check the models against each other, and,
 * only if the compilation has no error so far, write them. Every annotation is processed by one of
 * these; what differs is given.
 *
 * @param <M> the model read from one element
 */
final class Step<M> {
  private final Elements elements;
  private final Diagnostics diagnostics;
  private final String annotation;
  private final Function<Element, Optional<M>> reader;
  private final Consumer<List<M>> validator;
  private final Consumer<List<M>> writer;
  private final Deferral deferral;

  /**
   * @param annotation the annotation's qualified name
   * @param validator the checks across this round's models (and earlier rounds', if it keeps them)
   * @param writer writes the models' sources; not called after an error
   * @param deferral where elements needing a missing type wait, or {@code null}
   */
  Step(Elements elements, Diagnostics diagnostics, String annotation, Function<Element, Optional<M>> reader,
      Consumer<List<M>> validator, Consumer<List<M>> writer, Deferral deferral) {
    this.elements = elements;
    this.diagnostics = diagnostics;
    this.annotation = annotation;
    this.reader = reader;
    this.validator = validator;
    this.writer = writer;
    this.deferral = deferral;
  }

  /** The models read in this round, their sources written unless the compilation has an error. */
  List<M> process(RoundEnvironment round) {
    List<M> read = AnnotatedElements.read(elements, round, annotation, diagnostics, reader, deferral);
    validator.accept(read);
    // Never write after an error: the generated code would only add confusing errors of its own.
    if (!diagnostics.hasErrors()) {
      writer.accept(read);
    }
    return read;
  }

  /** No check across models. */
  static <M> Consumer<List<M>> noCrossChecks() {
    return models -> {};
  }

  /** Writes each model alone. */
  static <M> Consumer<List<M>> each(Consumer<M> write) {
    return models -> models.forEach(write);
  }
}
