package io.rillflow.processor.write;

import com.palantir.javapoet.CodeBlock;
import io.rillflow.processor.model.HandlerModel;

/** The arguments generated code passes to an {@code @Apply} handler, from a variable {@code event}. */
final class HandlerArguments {
  private HandlerArguments() {}

  static CodeBlock of(HandlerModel handler) {
    return switch (handler.envelope()) {
      case NONE -> CodeBlock.of("($T) event.data()", handler.event());
      case WILDCARD -> CodeBlock.of("($T) event.data(), event", handler.event());
      case TYPED -> CodeBlock.of("($T) event.data(), $T.typed(event, $T.class)", handler.event(),
          RuntimeTypes.AGGREGATE_MAPPING, handler.event());
    };
  }
}
