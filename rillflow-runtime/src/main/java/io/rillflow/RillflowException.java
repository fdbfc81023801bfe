package io.rillflow;

/** The root of every exception Rillflow throws. Unchecked, like the rest of the API. */
public class RillflowException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message that says what failed and why. */
  public RillflowException(String message) {
    super(message);
  }

  /** Creates an exception with a message and the failure that caused it. */
  public RillflowException(String message, Throwable cause) {
    super(message, cause);
  }
}
