package io.rillflow.processor.model;

/**
 * How generated code in the document's package reads or writes one member: a field it can see, or
 * a method (a record accessor or getter to read; a setter to write).
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

  /** The Java statement (without semicolon) writing {@code value} into this member of {@code target}. */
  public String writeTo(String target, String value) {
    return target + "." + name + (method ? "(" + value + ")" : " = " + value);
  }

  /** The Java expression reading this member from {@code target}. */
  public String readFrom(String target) {
    return target + "." + name + (method ? "()" : "");
  }
}
