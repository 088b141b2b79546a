package org.massmap.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResidualLinearPartTest {
    private static final double PIXEL = Math.toRadians(1.0 / 60);

    private static double[] random(int n, long seed) {
        Random r = new Random(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextGaussian();
        }
        return x;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Test
    void aConstantCoefficientSubtractsThatMultipleOfTheMapWithoutItsMean() {
        ResidualLinearPart part = new ResidualLinearPart(new double[] {100, 10000}, new double[] {0.01, 0.1},
                new double[][] {{2.5, 2.5}, {2.5, 2.5}}, 4, 1);
        double[] x = random(16 * 16, 3);
        double mean = 0;
        for (double v : x) {
            mean += v / x.length;
        }
        double[] out = new double[x.length];
        part.filter(16, 16, PIXEL).subtractFrom(out, x, 0.03);
        for (int i = 0; i < x.length; i++) {
            assertEquals(-2.5 * (x[i] - mean), out[i], 1e-12);
        }
    }

    @Test
    void coefficientsAreInterpolatedInLogSigmaAndHeldOutsideTheTable() {
        ResidualLinearPart part = new ResidualLinearPart(new double[] {1000}, new double[] {0.01, 0.1},
                new double[][] {{1.0}, {3.0}}, 4, 1);
        assertEquals(1.0, part.atSigma(0.01)[0], 1e-12);
        assertEquals(2.0, part.atSigma(Math.sqrt(0.01 * 0.1))[0], 1e-12, "geometric midpoint: halfway");
        assertEquals(1.0, part.atSigma(0.001)[0], 1e-12, "below the table: its lowest σ");
        assertEquals(3.0, part.atSigma(0.5)[0], 1e-12, "above: its highest");
    }

    @Test
    void theCorrectionIsSymmetricSoTheScoreStaysAGradientField() {
        ResidualLinearPart part = new ResidualLinearPart(new double[] {500, 2000, 8000}, new double[] {0.01, 0.1},
                new double[][] {{1, -4, 7}, {0.5, 2, -3}}, 4, 1);
        ResidualLinearPart.Filter f = part.filter(12, 20, PIXEL);
        double[] a = random(240, 5);
        double[] b = random(240, 6);
        double[] la = new double[240];
        double[] lb = new double[240];
        f.subtractFrom(la, a, 0.04);
        f.subtractFrom(lb, b, 0.04);
        assertEquals(dot(a, lb), dot(la, b), 1e-9 * Math.abs(dot(a, lb)) + 1e-12);
        assertTrue(Math.abs(dot(a, la)) > 1, "not trivially zero");
    }

    @Test
    void noneDoesNothingAndBadTablesAreRefused() {
        double[] out = {1, 2, 3, 4};
        ResidualLinearPart.NONE.filter(2, 2, PIXEL).subtractFrom(out, new double[] {5, 6, 7, 8}, 0.01);
        assertArrayEquals(new double[] {1, 2, 3, 4}, out);
        assertThrows(IllegalArgumentException.class,
                () -> new ResidualLinearPart(new double[] {2, 1}, new double[] {0.1}, new double[][] {{0, 0}}, 1, 1));
        assertThrows(IllegalArgumentException.class,
                () -> new ResidualLinearPart(new double[] {1}, new double[] {0.1, 0.2}, new double[][] {{0}}, 1, 1));
        assertThrows(IllegalArgumentException.class,
                () -> new ResidualLinearPart(new double[] {1}, new double[] {0.1}, new double[][] {{Double.NaN}}, 1, 1));
    }

    @Test
    void aModelKeepsItsLinearPartThroughSaveAndLoadAndScoresWithIt(@TempDir Path dir) throws Exception {
        ScoreModel plain = ModelFilesTest.model(1);
        ResidualLinearPart part = new ResidualLinearPart(new double[] {1000, 20000}, new double[] {0.002, 0.2},
                new double[][] {{30, -20}, {0.1, 0.2}}, 8, 77);
        ScoreModel with = new ScoreModel(plain.metadata().withLinearPart(part), plain.weights());
        ModelFiles.save(with, dir);
        ScoreModel back = ModelFiles.load(dir);
        assertEquals(part, back.metadata().residualLinearPart());
        var tile = ModelFilesTest.tile(32, 0.29);
        double[] map = new Random(2).doubles(32 * 32, -0.05, 0.05).toArray();
        double[] expected = plain.hybridScore(tile).score(map, 0.01);
        part.filter(32, 32, tile.pixelRad()).subtractFrom(expected, map, 0.01);
        assertArrayEquals(expected, back.hybridScore(tile).score(map, 0.01), 1e-9);
        String json = Files.readString(dir.resolve(ModelFiles.METADATA));
        String without = json.replaceAll(",\\s*\"residualLinearPart\"\\s*:\\s*\\{[^}]*\\}", "");
        assertTrue(without.length() < json.length(), "the part is in model.json");
    }
}
