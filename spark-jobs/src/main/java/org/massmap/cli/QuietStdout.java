package org.massmap.cli;

import java.io.PrintStream;

/**
 * Standard output without the one line per operation that ND4J's SameDiff 1.0.0-M2.1 prints
 * (hard-coded) each time it builds a gradient graph ("Added differentiated op ..."). Installed once
 * by {@link Main} for the command line only; everything else passes through unchanged.
 */
final class QuietStdout extends PrintStream {
    private static final String NOISE = "Added differentiated op";

    QuietStdout(PrintStream out) {
        super(out, true);
    }

    @Override
    public void println(String x) {
        if (x == null || !x.startsWith(NOISE)) {
            super.println(x);
        }
    }

    @Override
    public void println(Object x) {
        println(String.valueOf(x));
    }
}
