package io.rillflow.cli;

/** A command named something that does not exist: exit {@link ExitCodes#NOT_FOUND}. */
final class NotFoundException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  NotFoundException(String message) {
    super(message);
  }
}
