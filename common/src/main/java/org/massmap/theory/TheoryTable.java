package org.massmap.theory;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Entry points for the {@code massmap theory} command: tabulate a {@link ConvergenceSpectrum} on
 * log-spaced multipoles and write it as a two-column text file (ℓ, C_ℓ) that
 * {@link TabulatedConvergenceSpectrum#read(Path)} reads back. Stateless.
 */
public final class TheoryTable {
    private TheoryTable() {
    }

    /**
     * {@code n} multipoles log-spaced over [ellMin, ellMax] (both included) and C_ℓ there.
     *
     * @return {@code {ells, cls}}
     */
    public static double[][] tabulate(ConvergenceSpectrum spectrum, double ellMin, double ellMax, int n) {
        double[] ells = logSpaced(ellMin, ellMax, n);
        double[] cls = new double[n];
        for (int i = 0; i < n; i++) {
            cls[i] = spectrum.cl(ells[i]);
        }
        return new double[][] {ells, cls};
    }

    /** n ≥ 2 log-spaced values from min to max (0 &lt; min &lt; max), endpoints exact. */
    public static double[] logSpaced(double min, double max, int n) {
        if (!(min > 0 && max > min && Double.isFinite(max))) {
            throw new IllegalArgumentException("ell range [" + min + ", " + max + "] is invalid: need 0 < ellMin < ellMax");
        }
        if (n < 2) {
            throw new IllegalArgumentException("number of multipoles n = " + n + " must be >= 2");
        }
        double[] v = new double[n];
        double step = Math.log(max / min) / (n - 1);
        for (int i = 0; i < n; i++) {
            v[i] = min * Math.exp(i * step);
        }
        v[0] = min;
        v[n - 1] = max;
        return v;
    }

    /**
     * Writes {@code table = {ells, cls}} as text: the header lines (each prefixed by "# "), a column
     * line, then one "ℓ C_ℓ" row per multipole with 13 significant digits. Atomic: the content goes
     * to a temporary file in the same directory, which is then renamed over {@code file}, so readers
     * never see a partial file.
     */
    public static void writeText(Path file, double[][] table, String... header) throws TheoryFileException {
        if (table.length != 2 || table[0].length != table[1].length) {
            throw new IllegalArgumentException("table must be {ells, cls} with equal lengths");
        }
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                for (String h : header) {
                    for (String line : h.split("\\R")) {
                        w.write("# " + line);
                        w.newLine();
                    }
                }
                w.write("# ell C_ell (convergence power spectrum, dimensionless)");
                w.newLine();
                for (int i = 0; i < table[0].length; i++) {
                    w.write(String.format(Locale.ROOT, "%.12e %.12e", table[0][i], table[1][i]));
                    w.newLine();
                }
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            TheoryFileException failure = new TheoryFileException("cannot write C_ell table " + file + ": " + e, e);
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException cleanup) {
                    failure.addSuppressed(cleanup);
                }
            }
            throw failure;
        }
    }
}
