package io.rillflow.cli;

/**
 * What the command line's exit status means; scripts may rely on these values.
 *
 * <ul>
 *   <li>{@value #OK}: the command did what it was asked.
 *   <li>{@value #FAILURE}: the operation failed (database error, schema check failed, drift found by
 *       {@code health schema}); the message says why.
 *   <li>{@value #USAGE}: the command line was wrong (unknown command or option, missing or malformed
 *       argument, no database given to the standalone jar).
 *   <li>{@value #NOT_FOUND}: what was named does not exist (projection, stream, document, dead letter,
 *       document or event type).
 * </ul>
 */
public final class ExitCodes {
  /** Success. */
  public static final int OK = 0;
  /** The operation failed. */
  public static final int FAILURE = 1;
  /** The command line was wrong. */
  public static final int USAGE = 2;
  /** The thing named does not exist. */
  public static final int NOT_FOUND = 3;

  private ExitCodes() {}
}
