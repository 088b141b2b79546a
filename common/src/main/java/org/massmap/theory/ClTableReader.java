package org.massmap.theory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import nom.tam.fits.TableHDU;

/**
 * Reads a tabulated convergence power spectrum into a {@link TabulatedConvergenceSpectrum}.
 *
 * <p>Formats, recognised by content (a FITS file starts with the card {@code SIMPLE  =}):
 * <ul>
 *   <li>Text: two numeric columns ℓ and C_ℓ per line, separated by blanks or a comma; '#' starts a
 *       comment. Errors name the line number.
 *   <li>FITS: the first table extension (binary or ASCII); columns named {@code ELL} and {@code CL}
 *       (case-insensitive) if both exist, otherwise its first two columns; scalar numeric columns
 *       only. Errors name the 1-based row.
 * </ul>
 * Content is validated as described in {@link TabulatedConvergenceSpectrum}. Stateless.
 */
public final class ClTableReader {
    private ClTableReader() {
    }

    /** Reads and validates {@code file}; extrapolation warnings go to the SLF4J logger. */
    public static TabulatedConvergenceSpectrum read(Path file) throws TheoryFileException {
        return TabulatedConvergenceSpectrum.read(file);
    }

    static TabulatedConvergenceSpectrum read(Path file, Consumer<String> warnings) throws TheoryFileException {
        if (!Files.isRegularFile(file)) {
            throw new TheoryFileException("C_ell table " + file + " does not exist or is not a regular file");
        }
        double[] ell;
        double[] cl;
        String problem;
        if (isFits(file)) {
            double[][] cols = readFits(file);
            ell = cols[0];
            cl = cols[1];
            problem = TabulatedConvergenceSpectrum.problem(ell, cl, i -> "row " + (i + 1));
        } else {
            TwoColumnText t = TwoColumnText.read(file, "C_ell table");
            ell = t.x();
            cl = t.y();
            problem = TabulatedConvergenceSpectrum.problem(ell, cl, i -> "line " + t.lines()[i]);
        }
        if (problem != null) {
            throw new TheoryFileException("C_ell table " + file + ": " + problem);
        }
        return new TabulatedConvergenceSpectrum(ell, cl, file.toString(), warnings);
    }

    private static boolean isFits(Path file) throws TheoryFileException {
        byte[] head = new byte[9];
        try (InputStream in = Files.newInputStream(file)) {
            int n = in.readNBytes(head, 0, head.length);
            return n == head.length && new String(head, StandardCharsets.US_ASCII).equals("SIMPLE  =");
        } catch (IOException e) {
            throw new TheoryFileException("cannot read C_ell table " + file + ": " + e, e);
        }
    }

    private static double[][] readFits(Path file) throws TheoryFileException {
        try (Fits fits = new Fits(file.toFile())) {
            BasicHDU<?>[] hdus = fits.read();
            TableHDU<?> table = null;
            for (BasicHDU<?> hdu : hdus == null ? new BasicHDU<?>[0] : hdus) {
                if (hdu instanceof TableHDU<?> t) {
                    table = t;
                    break;
                }
            }
            if (table == null) {
                throw new TheoryFileException("C_ell table " + file
                        + " is a FITS file without a table extension (or is truncated before it);"
                        + " write the spectrum as a binary table with columns ELL and CL");
            }
            if (table.getNCols() < 2) {
                throw new TheoryFileException("C_ell table " + file + ": the FITS table has " + table.getNCols()
                        + " column(s) but needs ELL and CL");
            }
            int iEll = 0;
            int iCl = 1;
            int namedEll = column(table, "ELL");
            int namedCl = column(table, "CL");
            if (namedEll >= 0 && namedCl >= 0) {
                iEll = namedEll;
                iCl = namedCl;
            }
            return new double[][] {numeric(table, iEll, file), numeric(table, iCl, file)};
        } catch (FitsException | IOException e) {
            if (e instanceof TheoryFileException te) {
                throw te;
            }
            throw new TheoryFileException("cannot read C_ell table " + file + " as FITS: " + e.getMessage(), e);
        } catch (RuntimeException e) { // nom-tam-fits throws e.g. NullPointerException on a corrupt NAXIS2
            throw new TheoryFileException("C_ell table " + file + " is a corrupt FITS file: " + e, e);
        }
    }

    private static int column(TableHDU<?> table, String name) {
        for (int i = 0; i < table.getNCols(); i++) {
            String n = table.getColumnName(i);
            if (n != null && n.strip().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    private static double[] numeric(TableHDU<?> table, int col, Path file) throws FitsException, TheoryFileException {
        Object data = table.getColumn(col);
        String name = table.getColumnName(col);
        String label = "column " + (col + 1) + (name == null ? "" : " (" + name.strip() + ")");
        if (data == null) {
            throw new TheoryFileException("C_ell table " + file + ": " + label + " could not be read (truncated file?)");
        }
        double[] out;
        if (data instanceof double[] d) {
            out = d.clone();
        } else if (data instanceof float[] f) {
            out = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                out[i] = f[i];
            }
        } else if (data instanceof int[] a) {
            out = Arrays.stream(a).asDoubleStream().toArray();
        } else if (data instanceof long[] a) {
            out = Arrays.stream(a).asDoubleStream().toArray();
        } else if (data instanceof short[] a) {
            out = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = a[i];
            }
        } else {
            throw new TheoryFileException("C_ell table " + file + ": " + label
                    + " is not a scalar numeric column (found " + data.getClass().getSimpleName() + ")");
        }
        if (out.length != table.getNRows()) {
            throw new TheoryFileException("C_ell table " + file + ": " + label + " has " + out.length
                    + " values but the table has " + table.getNRows() + " rows");
        }
        return out;
    }
}
