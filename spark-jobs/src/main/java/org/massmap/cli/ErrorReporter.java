package org.massmap.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception escaping a command into one clear line on stderr and exit code 1. Expected
 * failures (bad input, bad configuration, unreadable files) print their message only; anything
 * else also prints its stack trace, since it is a bug.
 */
final class ErrorReporter implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cli, ParseResult parse) {
        String name = cli.getCommandSpec().qualifiedName();
        if (isUserError(ex)) {
            cli.getErr().println(name + ": error: " + ex.getMessage());
        } else {
            cli.getErr().println(name + ": internal error: " + ex);
            ex.printStackTrace(cli.getErr());
        }
        cli.getErr().flush();
        return Main.EXIT_FAILED;
    }

    private static boolean isUserError(Exception ex) {
        return ex instanceof IllegalArgumentException || ex instanceof java.io.IOException
                || ex instanceof com.typesafe.config.ConfigException || ex.getClass().getPackageName().startsWith("org.massmap");
    }
}
