package io.rillflow.processor.query;

import io.rillflow.processor.Message;

/**
 * Why a derived name or an {@code @Query} text cannot be read, typed: the message to report and its
 * arguments after the method's signature, which the reader puts first. The reader reports what the
 * parser chose; it never reads the text to guess the kind.
 */
final class QueryFailure extends Exception {
  private static final long serialVersionUID = 1L;
  private final transient Message message;
  private final transient Object[] arguments;

  QueryFailure(Message message, Object... arguments) {
    super(message.name(), null, false, false);
    this.message = message;
    this.arguments = arguments.clone();
  }

  /** A syntax error at {@code column} of {@code source}: the column, the detail, then the text and the caret's indent. */
  static QueryFailure syntax(String source, int column, Message message, Object... detail) {
    Object[] arguments = new Object[detail.length + 3];
    arguments[0] = column;
    System.arraycopy(detail, 0, arguments, 1, detail.length);
    arguments[detail.length + 1] = source;
    arguments[detail.length + 2] = " ".repeat(Math.max(0, column - 1));
    return new QueryFailure(message, arguments);
  }

  Message message() {
    return message;
  }

  /** The message's arguments: {@code signature}, then the parser's. */
  Object[] arguments(String signature) {
    Object[] all = new Object[arguments.length + 1];
    all[0] = signature;
    System.arraycopy(arguments, 0, all, 1, arguments.length);
    return all;
  }
}
