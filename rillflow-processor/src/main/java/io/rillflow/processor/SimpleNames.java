package io.rillflow.processor;

import com.palantir.javapoet.TypeName;
import java.util.regex.Pattern;
import javax.lang.model.type.TypeMirror;

/**
 * Types as messages print them: by simple name ({@code List<OrderPlaced>}, not
 * {@code java.util.List<com.acme.orders.OrderPlaced>}); the element a message points at already
 * says where it is. Where two types of one simple name must be told apart a message passes their
 * qualified names as text.
 */
public final class SimpleNames {
  /** A package prefix: lower-case segments, each followed by a dot, before a capitalized name. */
  private static final Pattern PACKAGE = Pattern.compile("\\b(?:[a-z_$][\\w$]*\\.)+(?=[A-Z])");

  private SimpleNames() {}

  /** {@code type} without package prefixes, type arguments included. */
  public static String of(TypeMirror type) {
    return strip(type.toString());
  }

  /** {@code type} without package prefixes, type arguments included. */
  public static String of(TypeName type) {
    return strip(type.toString());
  }

  /** Message arguments with every type written by simple name; other arguments as they are. */
  static Object[] inArguments(Object[] arguments) {
    Object[] simple = arguments.clone();
    for (int i = 0; i < simple.length; i++) {
      if (simple[i] instanceof TypeMirror type) {
        simple[i] = of(type);
      } else if (simple[i] instanceof TypeName type) {
        simple[i] = of(type);
      }
    }
    return simple;
  }

  private static String strip(String text) {
    return PACKAGE.matcher(text).replaceAll("");
  }
}
