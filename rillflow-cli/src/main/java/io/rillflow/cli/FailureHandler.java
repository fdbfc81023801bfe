package io.rillflow.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns what a command threw into a one-line message on standard error and an exit status
 * ({@link ExitCodes}): no stack trace for an operator, the cause's message kept.
 */
final class FailureHandler implements IExecutionExceptionHandler {
  private final Output output;

  FailureHandler(Output output) {
    this.output = output;
  }

  @Override
  public int handleExecutionException(Exception failure, CommandLine commandLine, ParseResult parsed) {
    if (failure instanceof CommandLine.ParameterException usage) {
      output.err().println("rillflow: " + usage.getMessage());
      usage.getCommandLine().usage(output.err());
      output.err().flush();
      return ExitCodes.USAGE;
    }
    int status;
    if (failure instanceof NotFoundException || failure instanceof java.util.NoSuchElementException
        || failure instanceof io.rillflow.tenancy.UnknownTenantException) {
      status = ExitCodes.NOT_FOUND;
    } else if (failure instanceof IllegalArgumentException) {
      status = ExitCodes.USAGE;
    } else {
      status = ExitCodes.FAILURE;
    }
    output.err().println(commandLine.getCommandSpec().qualifiedName() + ": " + message(failure));
    output.err().flush();
    return status;
  }

  private static String message(Throwable failure) {
    String message = failure.getMessage();
    return message == null || message.isBlank() ? failure.getClass().getName() : message;
  }
}
