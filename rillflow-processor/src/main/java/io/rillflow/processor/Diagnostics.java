package io.rillflow.processor;

import java.io.PrintWriter;
import java.io.StringWriter;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic.Kind;

/**
 * The processor's one reporter. Reporting an error records it and carries on, so one compilation
 * shows every problem; writers check {@link #hasErrors()} and write nothing after an error.
 */
public final class Diagnostics {
  private final Messager messager;
  private boolean errors;

  Diagnostics(Messager messager) {
    this.messager = messager;
  }

  /** Reports an error on {@code element}, the narrowest element at fault. */
  public void error(Element element, Message message, Object... args) {
    errors = true;
    messager.printMessage(Kind.ERROR, message.format(SimpleNames.inArguments(args)), element);
  }

  /** Reports an error on one annotation of {@code element}, pointing at the annotation. */
  public void error(Element element, AnnotationMirror annotation, Message message, Object... args) {
    errors = true;
    messager.printMessage(Kind.ERROR, message.format(SimpleNames.inArguments(args)), element, annotation);
  }

  /** Reports an error on one attribute of one annotation of {@code element}. */
  public void error(Element element, AnnotationMirror annotation, AnnotationValue value,
      Message message, Object... args) {
    errors = true;
    messager.printMessage(Kind.ERROR, message.format(SimpleNames.inArguments(args)), element, annotation, value);
  }

  /** Reports an exception from the processor itself, with its trace, instead of letting javac crash. */
  void internalError(Element element, Throwable failure) {
    StringWriter trace = new StringWriter();
    failure.printStackTrace(new PrintWriter(trace));
    String where = element == null ? "this compilation" : element.toString();
    errors = true;
    messager.printMessage(Kind.ERROR, Message.INTERNAL_ERROR.format(where, trace), element);
  }

  /** Whether any error was reported in this compilation. */
  public boolean hasErrors() {
    return errors;
  }
}
