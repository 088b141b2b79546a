package org.massmap.theory;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Parser for two-column numeric text files: one row per line, the two numbers separated by blanks
 * or a comma; '#' starts a comment (whole line or trailing); blank lines are skipped. Keeps each
 * row's line number for error messages.
 *
 * @param x     first column
 * @param y     second column
 * @param lines 1-based line number of each row
 */
record TwoColumnText(double[] x, double[] y, int[] lines) {

    /** Reads {@code file}; {@code what} names its content in messages, e.g. "n(z) file". */
    static TwoColumnText read(Path file, String what) throws TheoryFileException {
        double[] x = new double[64];
        double[] y = new double[64];
        int[] lines = new int[64];
        int n = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int lineNo = 0;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lineNo++;
                int hash = line.indexOf('#');
                String t = (hash >= 0 ? line.substring(0, hash) : line).strip();
                if (t.isEmpty()) {
                    continue;
                }
                String[] parts = t.split("[\\s,]+");
                if (parts.length != 2) {
                    throw new TheoryFileException(what + " " + file + ": line " + lineNo + " has " + parts.length
                            + " columns but exactly 2 are expected ('" + t + "')");
                }
                if (n == x.length) {
                    x = Arrays.copyOf(x, 2 * n);
                    y = Arrays.copyOf(y, 2 * n);
                    lines = Arrays.copyOf(lines, 2 * n);
                }
                x[n] = parse(parts[0], file, what, lineNo);
                y[n] = parse(parts[1], file, what, lineNo);
                lines[n] = lineNo;
                n++;
            }
        } catch (IOException e) {
            if (e instanceof TheoryFileException te) {
                throw te;
            }
            throw new TheoryFileException("cannot read " + what + " " + file + ": " + e, e);
        }
        return new TwoColumnText(Arrays.copyOf(x, n), Arrays.copyOf(y, n), Arrays.copyOf(lines, n));
    }

    private static double parse(String s, Path file, String what, int lineNo) throws TheoryFileException {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new TheoryFileException(what + " " + file + ": line " + lineNo + ": '" + s + "' is not a number", e);
        }
    }
}
