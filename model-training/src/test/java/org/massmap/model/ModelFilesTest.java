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
            new double[] {1e-8, 3e-10, 1e-11, 1e-13}, "test spectrum, sources at z=1");

    static ScoreModel model(long seed) {
        return model(seed, ResidualWindow.NONE);
    }

    static ScoreModel model(long seed, ResidualWindow window) {
        ParameterLayout layout = ParameterLayout.of(NET);
        NetworkWeights w = new NetworkWeights(TestNets.randomisedParameters(layout, seed), TestNets.randomBnStats(layout, seed));
        ModelMetadata meta = new ModelMetadata(ModelMetadata.FORMAT_VERSION, "test", "2024-01-01T00:00:00Z", NET,
                new InputEncoding(0.02), 0.29, 32, 32, CL, SigmaDistribution.reference(),
                new TrainingSummary(10, 4, 32, 1, 0.5, 0.4, 0.45), w.sha256(), window, ResidualLinearPart.NONE, ResidualScaling.SIGMA);
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
        assertEquals("test spectrum, sources at z=1", back.metadata().prior().source(), "the prior's origin is kept");
    }

    @Test
    void theResidualWindowIsSavedAndAFileWithoutOneMeansNone(@TempDir Path dir) throws Exception {
        ModelFiles.save(model(1, new ResidualWindow(1500)), dir);
        assertEquals(new ResidualWindow(1500), ModelFiles.load(dir).metadata().residualWindow());
        Path meta = dir.resolve(ModelFiles.METADATA);
        String json = Files.readString(meta);
        String without = json.replaceAll(",\\s*\"residualWindow\"\\s*:\\s*\\{[^}]*\\}", "");
        assertTrue(!without.equals(json), "the window must be in model.json: " + json);
        Files.writeString(meta, without);
        assertEquals(ResidualWindow.NONE, ModelFiles.load(dir).metadata().residualWindow());
    }

    /** The Wiener scaling multiplies the residual's spectrum by σ/√(P + σ²) mode by mode, and model.json keeps it. */
    @Test
    void theWienerScaledResidualIsTheSigmaScaledOneTimesTheWienerAmplitude(@TempDir Path dir) throws Exception {
        ScoreModel sigma = model(3);
        ModelMetadata m = sigma.metadata();
        ScoreModel wiener = new ScoreModel(new ModelMetadata(m.formatVersion(), "test", m.created(), NET, m.encoding(), 0.29, 32, 32, CL,
                m.sigma(), m.training(), sigma.weights().sha256(), ResidualWindow.NONE, ResidualLinearPart.NONE, ResidualScaling.WIENER),
                sigma.weights());
        ModelFiles.save(wiener, dir);
        assertEquals(ResidualScaling.WIENER, ModelFiles.load(dir).metadata().residualScaling());
        TileGrid tile = tile(32, 0.29);
        double[] map = new Random(4).doubles(32 * 32, -0.05, 0.05).toArray();
        double s = 0.01;
        double[][] rs = {new double[map.length]};
        double[][] rw = {new double[map.length]};
        sigma.hybridScore(tile).residual(new double[][] {map}, new double[] {s}, rs);
        wiener.hybridScore(tile).residual(new double[][] {map}, new double[] {s}, rw);
        org.massmap.prior.PowerMap p = CL.powerMap(tile);
        org.massmap.fft.Fft2 fft = new org.massmap.fft.Fft2(32, 32);
        double[] fs = fft.forwardReal(rs[0]);
        double[] fw = fft.forwardReal(rw[0]);
        double worst = 0;
        double size = 0;
        for (int i = 1; i < 32 * 32; i++) {
            double w = s / Math.sqrt(p.at(i) + s * s);
            worst = Math.max(worst, Math.hypot(fw[2 * i] - w * fs[2 * i], fw[2 * i + 1] - w * fs[2 * i + 1]));
            size = Math.max(size, Math.hypot(fw[2 * i], fw[2 * i + 1]));
        }
        assertTrue(size > 0, "the test model must have a residual");
        assertTrue(worst < 1e-9 * size, worst + " vs " + size);
        // control: at this σ the amplitude is far from 1 on some modes, so the two residuals differ
        double diff = 0;
        for (int i = 0; i < map.length; i++) {
            diff = Math.max(diff, Math.abs(rw[0][i] - rs[0][i]));
        }
        assertTrue(diff > 1e-3 * java.util.Arrays.stream(rs[0]).map(Math::abs).max().orElse(0), "the scaling must matter");
    }

    @Test
    void theInputCompressionIsSavedAndAFileWithoutOneIsLinear(@TempDir Path dir) throws Exception {
        ScoreModel m = model(1);
        ModelMetadata compressed = new ModelMetadata(m.metadata().formatVersion(), "test", m.metadata().created(), NET,
                new InputEncoding(0.02, 3), 0.29, 32, 32, CL, SigmaDistribution.reference(), m.metadata().training(),
                m.weights().sha256(), ResidualWindow.NONE, ResidualLinearPart.NONE, null);
        ModelFiles.save(new ScoreModel(compressed, m.weights()), dir);
        assertEquals(new InputEncoding(0.02, 3), ModelFiles.load(dir).metadata().encoding());
        Path meta = dir.resolve(ModelFiles.METADATA);
        String json = Files.readString(meta);
        String without = json.replaceAll(",\\s*\"compression\"\\s*:\\s*[0-9.eE+-]+", "");
        assertTrue(!without.equals(json), "the compression must be in model.json: " + json);
        Files.writeString(meta, without);
        assertEquals(new InputEncoding(0.02, 0), ModelFiles.load(dir).metadata().encoding());
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
    void aModelOfTheOldZeroPaddedFormatIsRefusedWithTheFix(@TempDir Path dir) throws Exception {
        ModelFiles.save(model(1), dir);
        Path meta = dir.resolve(ModelFiles.METADATA);
        Files.writeString(meta, Files.readString(meta).replaceFirst("\"formatVersion\" : \\d+", "\"formatVersion\" : 1"));
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFiles.load(dir));
        assertTrue(e.getMessage().contains("format version 1") && e.getMessage().contains("retrain"), e.getMessage());
    }

    @Test
    void aTileThatDoesNotMatchTheModelIsAClearError() {
        ScoreModel m = model(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.hybridScore(tile(32, 0.40)));
        assertEquals("tile pixels are 0.40 arcmin but the model was trained at 0.29 arcmin; set the tile pixel size"
                + " (map.pixel-arcmin) to 0.29 or retrain the model at 0.40 arcmin", e.getMessage());
        // any tile size works: 34 is extended periodically to the next multiple of 4 (two scales), 36
        HybridScore odd = m.hybridScore(tile(34, 0.29));
        assertEquals(36, odd.paddedNx());
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
        HybridScore s = m.hybridScore(tile(32, 0.29)); // the plain composition of eq. 6: no filter, no padding
        assertEquals(32, s.paddedNx());
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
            float[] in = new float[32 * 32 * 3];
            m.metadata().encoding().encode(maps[b], th, sLo, in, 0);
            float[] net = m.network().forward(in, 1, 32, 32);
            double[] gauss = s.gaussianPart().score(maps[b], sigmas[b]);
            double[] alone = s.score(maps[b], sigmas[b]);
            for (int i = 0; i < 32 * 32; i++) {
                double expected = gauss[i] + net[i] / sLo;
                assertEquals(expected, out[b][i], 1e-6 * Math.abs(expected) + 1e-3);
                assertEquals(alone[i], out[b][i], 1e-5 * Math.abs(alone[i]) + 1e-3);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> s.score(maps[0], 5.0));
    }

    /**
     * A tile that is not a multiple of the network's 2^scales goes through the network extended
     * periodically on its high sides, and its own pixels come back.
     */
    @Test
    void anOddTileIsExtendedPeriodicallyOnItsHighSides() {
        ScoreModel m = model(3);
        HybridScore s = m.hybridScore(tile(30, 0.29));
        assertEquals(32, s.paddedNx());
        double[] x = new Random(5).doubles(30 * 30, -0.05, 0.05).toArray();
        double[][] r = {new double[30 * 30]};
        s.residual(new double[][] {x}, new double[] {0.02}, r);
        double[] th = s.gaussianPart().score(x, 0.02);
        float[] in = new float[32 * 32 * 3];
        m.metadata().encoding().encode(periodic(x, 30, 32), periodic(th, 30, 32), 0.02, in, 0);
        float[] net = m.network().forward(in, 1, 32, 32);
        for (int i = 0; i < 30 * 30; i++) {
            double expected = net[(i / 30) * 32 + i % 30] / 0.02;
            assertEquals(expected, r[0][i], 1e-6 * Math.abs(expected) + 1e-6);
        }
    }

    /** The n×n map extended periodically to w×w on its high sides. */
    private static double[] periodic(double[] map, int n, int w) {
        double[] out = new double[w * w];
        for (int y = 0; y < w; y++) {
            for (int x = 0; x < w; x++) {
                out[y * w + x] = map[(y % n) * n + x % n];
            }
        }
        return out;
    }
}
