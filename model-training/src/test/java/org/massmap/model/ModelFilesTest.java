package org.massmap.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massmap.grid.SkyPoint;
import org.massmap.grid.TileGrid;

class ModelFilesTest {
    static final NetworkConfig NET = new NetworkConfig(List.of(4, 8, 8), 1, Activation.RELU);
    static final PowerSpectrumTable CL = new PowerSpectrumTable(new double[] {100, 1000, 10000, 100000},
            new double[] {1e-8, 3e-10, 1e-11, 1e-13});

    static ScoreModel model(long seed) {
        ParameterLayout layout = ParameterLayout.of(NET);
        NetworkWeights w = new NetworkWeights(TestNets.randomisedParameters(layout, seed), TestNets.randomBnStats(layout, seed));
        ModelMetadata meta = new ModelMetadata(ModelMetadata.FORMAT_VERSION, "test", "2024-01-01T00:00:00Z", NET,
                new InputEncoding(0.02), 0.29, 32, 32, CL, SigmaDistribution.reference(),
                new TrainingSummary(10, 4, 32, 1, 0.5, 0.4, 0.45), w.sha256());
        return new ScoreModel(meta, w);
    }

    static TileGrid tile(int n, double pixelArcmin) {
        return TileGrid.square(n, pixelArcmin, new SkyPoint(150, 2));
    }

    @Test
    void saveThenLoadGivesTheSameModelAndScores(@TempDir Path dir) throws Exception {
        ScoreModel m = model(1);
        ModelFiles.save(m, dir);
        ScoreModel back = ModelFiles.load(dir);
        assertArrayEquals(m.weights().parameters(), back.weights().parameters());
        assertArrayEquals(m.weights().bnStats(), back.weights().bnStats());
        assertEquals(m.metadata(), back.metadata());
        double[] map = new Random(2).doubles(32 * 32, -0.05, 0.05).toArray();
        assertArrayEquals(m.hybridScore(tile(32, 0.29)).score(map, 0.05), back.hybridScore(tile(32, 0.29)).score(map, 0.05));
        String json = Files.readString(dir.resolve(ModelFiles.METADATA));
        assertTrue(json.contains("\"pixelArcmin\" : 0.29") && json.contains("\"weightsSha256\""), json);
    }

    @Test
    void aTruncatedOrCorruptWeightsFileIsReportedByName(@TempDir Path dir) throws Exception {
        ModelFiles.save(model(1), dir);
        Path w = dir.resolve(ModelFiles.WEIGHTS);
        byte[] bytes = Files.readAllBytes(w);
        Files.write(w, java.util.Arrays.copyOf(bytes, bytes.length - 100));
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFiles.load(dir));
        assertTrue(e.getMessage().contains(ModelFiles.WEIGHTS) && e.getMessage().contains("truncated"), e.getMessage());
        bytes[bytes.length / 2] ^= 0x40;
        Files.write(w, bytes);
        e = assertThrows(ModelFileException.class, () -> ModelFiles.load(dir));
        assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());
    }

    @Test
    void missingOrGarbledMetadataIsReportedByName(@TempDir Path dir) throws Exception {
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFiles.load(dir.resolve("nowhere")));
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
        ModelFiles.save(model(1), dir);
        Files.writeString(dir.resolve(ModelFiles.METADATA), "{\"formatVersion\": 1, \"network\": ");
        e = assertThrows(ModelFileException.class, () -> ModelFiles.load(dir));
        assertTrue(e.getMessage().contains(ModelFiles.METADATA) && e.getMessage().contains("JSON"), e.getMessage());
    }

    @Test
    void aTileThatDoesNotMatchTheModelIsAClearError() {
        ScoreModel m = model(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.hybridScore(tile(32, 0.40)));
        assertEquals("tile pixels are 0.40 arcmin but the model was trained at 0.29 arcmin; set the tile pixel size"
                + " (tile.pixel-arcmin) to 0.29 or retrain the model at 0.40 arcmin", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> m.hybridScore(tile(34, 0.29), 0, 0));
        assertTrue(e.getMessage().contains("multiples of 4"), e.getMessage());
        // with the (default) periodic padding any tile size works: 34 is padded to 8 + 34 + 10 = 52
        HybridScore odd = m.hybridScore(tile(34, 0.29));
        assertEquals(52, odd.paddedNx());
        double[] s34 = odd.score(new Random(8).doubles(34 * 34, -0.05, 0.05).toArray(), 0.05);
        assertTrue(java.util.Arrays.stream(s34).allMatch(Double::isFinite));
        PowerSpectrumTable other = new PowerSpectrumTable(new double[] {100, 1000, 10000, 100000}, new double[] {1e-8, 3e-10, 2e-11, 1e-13});
        e = assertThrows(IllegalArgumentException.class, () -> m.hybridScore(tile(32, 0.29), other));
        assertTrue(e.getMessage().contains("prior C_ell differs"), e.getMessage());
        // same prior, larger tile than the 32² training crops: fine (fully convolutional)
        double[] big = new Random(9).doubles(64 * 64, -0.05, 0.05).toArray();
        double[] s = m.hybridScore(tile(64, 0.29), CL).score(big, 0.05);
        assertEquals(64 * 64, s.length);
        assertTrue(java.util.Arrays.stream(s).allMatch(Double::isFinite));
    }

    @Test
    void hybridScoreIsGaussianPlusNetworkOverSigmaAndIndependentOfTheBatch() {
        ScoreModel m = model(3);
        HybridScore s = m.hybridScore(tile(32, 0.29), 0, 3); // no high-pass: the plain composition of eq. 6
        int p = s.wrapPadding();
        int w = s.paddedNx();
        assertEquals(3, p);
        assertEquals(40, w, "3 pixels low, 5 high: 38 rounded up to a multiple of 4 (two scales)");
        Random rng = new Random(4);
        double[][] maps = new double[3][];
        for (int i = 0; i < 3; i++) {
            maps[i] = rng.doubles(32 * 32, -0.05, 0.05).toArray();
        }
        double[] sigmas = {0.01, 0.2, 1e-4}; // the last is below the trained range: residual at sigma_lo
        double[][] out = new double[3][32 * 32];
        s.score(maps, sigmas, out);
        for (int b = 0; b < 3; b++) {
            double sLo = Math.max(sigmas[b], m.metadata().sigma().lo());
            double[] th = s.gaussianPart().score(maps[b], sLo);
            float[] in = new float[w * w * 3];
            m.metadata().encoding().encode(periodic(maps[b], 32, p, w), periodic(th, 32, p, w), sLo, in, 0);
            float[] net = m.network().forward(in, 1, w, w);
            double[] gauss = s.gaussianPart().score(maps[b], sigmas[b]);
            double[] alone = s.score(maps[b], sigmas[b]);
            for (int i = 0; i < 32 * 32; i++) {
                double expected = gauss[i] + net[(i / 32 + p) * w + i % 32 + p] / sLo; // the centre of the padded output
                assertEquals(expected, out[b][i], 1e-6 * Math.abs(expected) + 1e-3);
                assertEquals(alone[i], out[b][i], 1e-5 * Math.abs(alone[i]) + 1e-3);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> s.score(maps[0], 5.0));
    }

    /** The n×n map extended periodically to w×w, the map starting at (p, p). */
    private static double[] periodic(double[] map, int n, int p, int w) {
        double[] out = new double[w * w];
        for (int y = 0; y < w; y++) {
            for (int x = 0; x < w; x++) {
                out[y * w + x] = map[((y - p + n) % n) * n + (x - p + n) % n];
            }
        }
        return out;
    }

    @Test
    void withoutWrapPaddingTheNetworkSeesTheBareTile() {
        ScoreModel m = model(3);
        HybridScore s = m.hybridScore(tile(32, 0.29), 0, 0);
        assertEquals(0, s.wrapPadding());
        double[] x = new Random(5).doubles(32 * 32, -0.05, 0.05).toArray();
        double[][] r = {new double[32 * 32]};
        s.residual(new double[][] {x}, new double[] {0.02}, r);
        float[] in = new float[32 * 32 * 3];
        m.metadata().encoding().encode(x, s.gaussianPart().score(x, 0.02), 0.02, in, 0);
        float[] net = m.network().forward(in, 1, 32, 32);
        for (int i = 0; i < net.length; i++) {
            assertEquals(net[i] / 0.02, r[0][i], 1e-6 * Math.abs(net[i] / 0.02) + 1e-6);
        }
        assertTrue(m.hybridScore(tile(32, 0.29)).wrapPadding() >= ScoreModel.DEFAULT_WRAP_PADDING);
        assertThrows(IllegalArgumentException.class, () -> m.hybridScore(tile(32, 0.29), 0, -1));
    }

    @Test
    void highPassKeepsTheResidualOffLargeScales() {
        ScoreModel m = model(3);
        HybridScore plain = m.hybridScore(tile(32, 0.29), 0);
        HybridScore filtered = m.hybridScore(tile(32, 0.29), 8);
        assertEquals(m.metadata().trainedNx() / 4.0, m.defaultHighPassPixels(), 0);
        double[] x = new Random(6).doubles(32 * 32, -0.05, 0.05).toArray();
        double[][] r0 = {new double[32 * 32]};
        double[][] r1 = {new double[32 * 32]};
        plain.residual(new double[][] {x}, new double[] {0.02}, r0);
        filtered.residual(new double[][] {x}, new double[] {0.02}, r1);
        org.massmap.fft.Fft2 fft = new org.massmap.fft.Fft2(32, 32);
        double[] c0 = fft.forwardReal(r0[0]);
        double[] c1 = fft.forwardReal(r1[0]);
        for (int iy = 0; iy < 32; iy++) {
            for (int ix = 0; ix < 32; ix++) {
                double kx = org.massmap.fft.Fft2.freq(ix, 32);
                double ky = org.massmap.fft.Fft2.freq(iy, 32);
                double w = 1 - Math.exp(-(kx * kx + ky * ky) * 64); // k_c = 1/8 cycles per pixel
                int k = iy * 32 + ix;
                assertEquals(w * c0[2 * k], c1[2 * k], 1e-9 * (Math.abs(c0[2 * k]) + 1));
                assertEquals(w * c0[2 * k + 1], c1[2 * k + 1], 1e-9 * (Math.abs(c0[2 * k + 1]) + 1));
            }
        }
        assertEquals(0.0, c1[0], 1e-9, "no mean left in the residual");
        // and the total score is the Gaussian part plus the filtered residual
        double[] total = filtered.score(x, 0.02);
        double[] gauss = filtered.gaussianPart().score(x, 0.02);
        for (int i = 0; i < total.length; i++) {
            assertEquals(gauss[i] + r1[0][i], total[i], 1e-9 * Math.abs(total[i]) + 1e-9);
        }
    }
}
