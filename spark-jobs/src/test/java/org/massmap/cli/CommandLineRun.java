package org.massmap.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * One run of the command-line entry point ({@link Main#run}) in this JVM, with its exit code and
 * what it printed, for the CLI tests.
 *
 * @param code exit code
 * @param out  standard output
 * @param err  standard error
 */
record CommandLineRun(int code, String out, String err) {

    static CommandLineRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CommandLineRun(code, out.toString(), err.toString());
    }
}
