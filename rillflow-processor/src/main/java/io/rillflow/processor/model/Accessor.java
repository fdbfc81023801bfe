package io.rillflow.processor.model;

/**
 * How generated code in the document's package reads one member: a field it can see, or a method
 * without parameters (a record accessor or a getter).
 *
 * @param name the field or method name
 * @param method whether it is a method call
 */
public record Accessor(String name, boolean method) {

  /** Reads a field directly. */
  public static Accessor field(String name) {
    return new Accessor(name, false);
  }

  /** Calls a method without parameters. */
  public static Accessor method(String name) {
    return new Accessor(name, true);
  }

  /** The Java expression reading this member from {@code target}. */
  public String readFrom(String target) {
    return target + "." + name + (method ? "()" : "");
  }
}
