package org.massmap.theory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.BinaryTable;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TabulatedConvergenceSpectrumTest {
    @TempDir
    Path dir;

    /** C_ℓ = 1e-9 (ℓ/100)^−1.5, a pure power law, at ℓ = 10 … 1000. */
    private static double[][] powerLaw() {
        double[] ell = TheoryTable.logSpaced(10, 1000, 21);
        double[] cl = new double[ell.length];
        for (int i = 0; i < ell.length; i++) {
            cl[i] = 1e-9 * Math.pow(ell[i] / 100, -1.5);
        }
        return new double[][] {ell, cl};
    }

    @Test
    void interpolatesLogLogAndHoldsConstantBelowTheFirstEll() {
        double[][] t = powerLaw();
        TabulatedConvergenceSpectrum s = new TabulatedConvergenceSpectrum(t[0], t[1], "test");
        for (double ell : new double[] {10, 17.3, 100, 512.5, 1000}) {
            assertEquals(1e-9 * Math.pow(ell / 100, -1.5), s.cl(ell), 1e-12 * s.cl(ell), "ell = " + ell);
        }
        assertEquals(s.cl(10), s.cl(3), 0);
        assertEquals(s.cl(10), s.cl(0), 0);
        assertThrows(IllegalArgumentException.class, () -> s.cl(-1));
        assertThrows(IllegalArgumentException.class, () -> s.cl(Double.NaN));
    }

    @Test
    void extrapolatesAPowerLawAboveTheLastEllWithOneWarning() {
        double[][] t = powerLaw();
        List<String> warnings = new ArrayList<>();
        TabulatedConvergenceSpectrum s = new TabulatedConvergenceSpectrum(t[0], t[1], "my-table", warnings::add);
        assertEquals(s.cl(1000), s.cl(1000), 0);
        assertTrue(warnings.isEmpty(), "no warning inside the table");
        assertEquals(-1.5, s.extrapolationSlope(), 1e-12);
        assertEquals(1e-9 * Math.pow(500, -1.5), s.cl(50000), 1e-12 * s.cl(50000));
        assertEquals(1e-9 * Math.pow(20, -1.5), s.cl(2000), 1e-12 * s.cl(2000));
        assertEquals(1, warnings.size(), "warned once per table: " + warnings);
        assertTrue(warnings.get(0).contains("my-table") && warnings.get(0).contains("power law"), warnings.get(0));
    }

    @Test
    void extrapolationSlopeIsFittedToTheLastPoints() {
        // a broken power law: slope −1 up to ℓ = 100, then −3; only the last 5 rows set the extrapolation
        double[] ell = TheoryTable.logSpaced(10, 1000, 11);
        double[] cl = new double[ell.length];
        for (int i = 0; i < ell.length; i++) {
            cl[i] = ell[i] <= 100 ? 1 / ell[i] : 1e-2 * Math.pow(ell[i] / 100, -3);
        }
        TabulatedConvergenceSpectrum s = new TabulatedConvergenceSpectrum(ell, cl, "broken", w -> { });
        assertEquals(-3, s.extrapolationSlope(), 1e-12);
        // zero values: linear in C next to them; a table ending in zero extrapolates to zero
        TabulatedConvergenceSpectrum z = new TabulatedConvergenceSpectrum(new double[] {1, 10, 100},
                new double[] {2, 1, 0}, "zeros", w -> { });
        assertEquals(0.5, z.cl(Math.sqrt(1000)), 1e-12);
        assertEquals(0, z.cl(1e4), 0);
    }

    @Test
    void textRoundTripThroughTheoryTable() throws Exception {
        double[][] t = powerLaw();
        Path file = dir.resolve("cl.txt");
        TheoryTable.writeText(file, t, "power law test", "second line");
        List<String> lines = Files.readAllLines(file);
        assertEquals("# power law test", lines.get(0));
        TabulatedConvergenceSpectrum back = TabulatedConvergenceSpectrum.read(file);
        assertArrayEquals(t[0], back.ells(), 1e-11 * 1000);
        for (int i = 0; i < t[1].length; i++) {
            assertEquals(t[1][i], back.cls()[i], 1e-12 * t[1][i]);
        }
        assertEquals(file.toString(), back.source());
    }

    @Test
    void readsTextWithCommentsCommasAndBlankLines() throws Exception {
        Path file = dir.resolve("cl.csv");
        Files.writeString(file, "# ell, C_ell\n\n2, 1e-8   # first\n3,5e-9\n  10 1e-9\n");
        TabulatedConvergenceSpectrum s = ClTableReader.read(file);
        assertArrayEquals(new double[] {2, 3, 10}, s.ells());
        assertArrayEquals(new double[] {1e-8, 5e-9, 1e-9}, s.cls());
    }

    @Test
    void fitsTablesWithNamedOrFirstTwoColumns() throws Exception {
        double[][] t = powerLaw();
        // named columns in the order (CL, ELL): the names decide
        Path named = writeFits("named.fits", new Object[] {t[1], t[0]}, "CL", "ell");
        TabulatedConvergenceSpectrum s = TabulatedConvergenceSpectrum.read(named);
        assertArrayEquals(t[0], s.ells(), 0);
        assertArrayEquals(t[1], s.cls(), 0);
        // unnamed float columns: the first two, in order
        float[] ellF = new float[t[0].length];
        float[] clF = new float[t[0].length];
        for (int i = 0; i < ellF.length; i++) {
            ellF[i] = (float) t[0][i];
            clF[i] = (float) t[1][i];
        }
        Path plain = writeFits("plain.fits", new Object[] {ellF, clF, new int[ellF.length]}, null, null);
        TabulatedConvergenceSpectrum p = TabulatedConvergenceSpectrum.read(plain);
        assertEquals(ellF.length, p.ells().length);
        assertEquals(t[1][5], p.cls()[5], 1e-7 * t[1][5]);
    }

    private Path writeFits(String name, Object[] columns, String name0, String name1) throws FitsException, IOException {
        Path file = dir.resolve(name);
        BinaryTableHDU hdu = BinaryTableHDU.wrap(BinaryTable.fromColumnMajor(columns));
        if (name0 != null) {
            hdu.setColumnName(0, name0, null);
            hdu.setColumnName(1, name1, null);
        }
        try (Fits f = new Fits()) {
            f.addHDU(hdu);
            f.write(file.toFile());
        }
        return file;
    }

    @Test
    void badTablesAreRejectedNamingFileAndRow() throws Exception {
        assertTextError("neg.txt", "10 1e-9\n20 -1e-10\n", "line 2", "C_ell = -1.0E-10");
        assertTextError("order.txt", "# c\n10 1e-9\n20 1e-10\n20 1e-11\n", "line 4", "strictly increasing ell");
        assertTextError("nan.txt", "10 NaN\n20 1e-10\n", "line 1", "finite");
        assertTextError("one.txt", "10 1e-9\n", "one.txt", "at least 2");
        assertTextError("zero.txt", "0 0\n10 1e-9\n20 1e-10\n", "line 1", "ell = 0.0");
        assertTextError("cols.txt", "10 1e-9 3\n", "line 1", "3 columns");
        TheoryFileException missing = assertThrows(TheoryFileException.class,
                () -> TabulatedConvergenceSpectrum.read(dir.resolve("nope.txt")));
        assertTrue(missing.getMessage().contains("nope.txt"), missing.getMessage());

        Path fitsNeg = writeFits("neg.fits", new Object[] {new double[] {10, 20, 30}, new double[] {1, -1, 1}}, "ELL", "CL");
        TheoryFileException e = assertThrows(TheoryFileException.class, () -> TabulatedConvergenceSpectrum.read(fitsNeg));
        assertTrue(e.getMessage().contains("neg.fits") && e.getMessage().contains("row 2"), e.getMessage());

        Path image = dir.resolve("image.fits");
        try (Fits f = new Fits()) {
            BasicHDU<?> hdu = Fits.makeHDU(new float[4][4]);
            f.addHDU(hdu);
            f.write(image.toFile());
        }
        e = assertThrows(TheoryFileException.class, () -> TabulatedConvergenceSpectrum.read(image));
        assertTrue(e.getMessage().contains("without a table"), e.getMessage());

        Path truncated = dir.resolve("truncated.fits");
        byte[] full = Files.readAllBytes(fitsNeg);
        Files.write(truncated, java.util.Arrays.copyOf(full, 2880 + 100));
        e = assertThrows(TheoryFileException.class, () -> TabulatedConvergenceSpectrum.read(truncated));
        assertTrue(e.getMessage().contains("truncated.fits"), e.getMessage());

        assertThrows(IllegalArgumentException.class,
                () -> new TabulatedConvergenceSpectrum(new double[] {1, 2}, new double[] {1}, "x"));
    }

    private void assertTextError(String name, String content, String where, String what) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        TheoryFileException e = assertThrows(TheoryFileException.class, () -> TabulatedConvergenceSpectrum.read(p), name);
        assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(where), e.getMessage());
        assertTrue(e.getMessage().contains(what), e.getMessage());
    }
}
