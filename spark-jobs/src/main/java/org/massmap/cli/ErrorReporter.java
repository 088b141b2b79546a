package org.massmap.cli;

import java.util.function.BooleanSupplier;
import org.massmap.config.SettingException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception escaping a command into one clear message on stderr and an exit code:
 * 2 for an unknown configuration key or a configuration or option value of the wrong type or out of
 * range ({@link SettingException}, also when another exception wraps it), 130 when the JVM
 * is shutting down (Ctrl-C: what then fails is the interruption, not a bug), else 1. Expected
 * failures (bad input, bad configuration, unreadable files) print their message only; anything
 * else also prints its stack trace, since it is a bug.
 */
final class ErrorReporter implements IExecutionExceptionHandler {
    private final BooleanSupplier interrupted;

    ErrorReporter(BooleanSupplier interrupted) {
        this.interrupted = interrupted;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cli, ParseResult parse) {
        String name = cli.getCommandSpec().qualifiedName();
        int code = Main.EXIT_FAILED;
        if (interrupted.getAsBoolean()) {
            cli.getErr().println(name + ": interrupted; tiles published before the interruption stay published (see the README's"
                    + " output guarantee): rerun the same command to finish the others");
            code = Main.EXIT_INTERRUPTED;
        } else if (settingCause(ex) != null) {
            cli.getErr().println(name + ": error: " + settingCause(ex).getMessage());
            cli.getErr().println("Try '" + name + " --help'.");
            code = Main.EXIT_USAGE;
        } else if (isUserError(ex)) {
            cli.getErr().println(name + ": error: " + ex.getMessage());
        } else {
            cli.getErr().println(name + ": internal error: " + ex);
            ex.printStackTrace(cli.getErr());
        }
        cli.getErr().flush();
        return code;
    }

    /** The {@link SettingException} an exception is or wraps, or null. */
    static SettingException settingCause(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SettingException s) {
                return s;
            }
        }
        return null;
    }

    private static boolean isUserError(Exception ex) {
        return ex instanceof IllegalArgumentException || ex instanceof java.io.IOException
                || ex instanceof com.typesafe.config.ConfigException || ex.getClass().getPackageName().startsWith("org.massmap");
    }
}
