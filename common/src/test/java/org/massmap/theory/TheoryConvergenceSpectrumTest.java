package org.massmap.theory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TheoryConvergenceSpectrumTest {
    @TempDir
    Path dir;

    private static final SourceDistribution SOURCES = SourceDistribution.gaussian(0.9, 0.3);

    @Test
    void interpolatedSpectrumMatchesDirectLimberBetweenGridPoints() {
        TheorySettings settings = TheorySettings.defaults(SOURCES);
        long t0 = System.nanoTime();
        TheoryConvergenceSpectrum theory = TheoryConvergenceSpectrum.compute(settings);
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(seconds < 3, "computing the default spectrum took " + seconds + " s");

        double[] grid = theory.table().ells();
        double[] mid = new double[grid.length - 1];
        for (int i = 0; i < mid.length; i++) {
            mid[i] = Math.sqrt(grid[i] * grid[i + 1]);
        }
        Background bg = new Background(settings.cosmology());
        MatterPower p = new HalofitPower(LinearPower.of(settings.cosmology(), settings.transfer()));
        double[] direct = new LimberIntegrator(bg, SOURCES).cl(p, mid);
        for (int i = 0; i < mid.length; i++) {
            assertEquals(direct[i], theory.cl(mid[i]), 1e-4 * direct[i], "ell = " + mid[i]);
        }
        assertEquals(settings, theory.settings());
    }

    @Test
    void nonLinearCorrectionMattersOnlyAtHighEll() {
        TheorySettings lin = TheorySettings.defaults(SOURCES).withPower(TransferFunction.EISENSTEIN_HU, NonLinear.NONE)
                .withEllRange(10, 2e4, 40);
        TheoryConvergenceSpectrum linear = TheoryConvergenceSpectrum.compute(lin);
        TheoryConvergenceSpectrum halofit = TheoryConvergenceSpectrum.compute(
                lin.withPower(TransferFunction.EISENSTEIN_HU, NonLinear.HALOFIT));
        assertEquals(1, halofit.cl(10) / linear.cl(10), 0.01);
        assertTrue(halofit.cl(5000) / linear.cl(5000) > 3, "non-linear boost at ell = 5000");
        // order of magnitude for z_s ~ 1 (e.g. Kilbinger 2015, fig. 3): ell(ell+1) C_ell/2π ~ 1e-4 at ell = 1000
        double d = 1000 * 1001 * halofit.cl(1000) / (2 * Math.PI);
        assertTrue(d > 3e-5 && d < 3e-4, "ell(ell+1)C/2pi at 1000 = " + d);
    }

    @Test
    void tabulateAndWriteAtomically() throws Exception {
        TheoryConvergenceSpectrum theory = TheoryConvergenceSpectrum.compute(
                TheorySettings.defaults(SourceDistribution.plane(1.0)).withEllRange(10, 1e5, 100));
        double[][] table = TheoryTable.tabulate(theory, 20, 5e4, 50);
        assertEquals(20, table[0][0], 0);
        assertEquals(5e4, table[0][49], 0);
        assertEquals(Math.log(table[0][1] / table[0][0]), Math.log(table[0][49] / table[0][48]), 1e-12);
        for (int i = 0; i < 50; i++) {
            assertEquals(theory.cl(table[0][i]), table[1][i], 0);
        }
        Path file = dir.resolve("out").resolve("cl.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "old content\n");
        TheoryTable.writeText(file, table, TheoryConvergenceSpectrum.describe(theory.settings()));
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
        }
        assertTrue(Files.readString(file).startsWith("# Omega_c=0.254"), "header written");
        TabulatedConvergenceSpectrum back = TabulatedConvergenceSpectrum.read(file);
        assertArrayEquals(table[0], back.ells(), 1e-8);
        for (int i = 0; i < 50; i++) {
            assertEquals(table[1][i], back.cl(table[0][i]), 1e-11 * table[1][i]);
        }
        TheoryFileException e = assertThrows(TheoryFileException.class,
                () -> TheoryTable.writeText(file.resolve("not-a-dir").resolve("x.txt"), table));
        assertTrue(e.getMessage().contains("x.txt"), e.getMessage());
    }

    @Test
    void invalidSettingsAreRejected() {
        TheorySettings ok = TheorySettings.defaults(SOURCES);
        assertThrows(IllegalArgumentException.class, () -> ok.withEllRange(0, 10, 5));
        assertThrows(IllegalArgumentException.class, () -> ok.withEllRange(10, 10, 5));
        assertThrows(IllegalArgumentException.class, () -> ok.withEllRange(1, 10, 1));
        assertThrows(IllegalArgumentException.class, () -> ok.withPower(null, NonLinear.NONE));
        assertThrows(IllegalArgumentException.class, () -> TheoryTable.tabulate(ell -> 1, 10, 1, 5));
        assertThrows(IllegalArgumentException.class, () -> TheoryTable.logSpaced(1, 10, 1));
    }
}
