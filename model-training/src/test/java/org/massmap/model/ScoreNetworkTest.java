package org.massmap.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ScoreNetworkTest {
    private static final NetworkConfig SMALL = new NetworkConfig(List.of(4, 8, 8), 1, Activation.RELU);

    @Test
    void inferenceModeEqualsTrainingModeWhenRunningStatisticsAreTheBatchStatistics() {
        ParameterLayout layout = ParameterLayout.of(SMALL);
        float[] params = TestNets.randomisedParameters(layout, 3);
        int b = 3;
        int n = 16;
        float[] input = TestNets.gaussian(b * n * n * 3, 4);
        UNetGraph train = UNetGraph.training(SMALL, params);
        List<String> outs = new ArrayList<>(train.momentOutputs());
        outs.add(UNetGraph.OUTPUT);
        Map<String, INDArray> r = train.sameDiff().output(Map.of(UNetGraph.INPUT, Nd4j.create(input, new long[] {b, n, n, 3}, 'c'),
                UNetGraph.TARGET, Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, b, n, n, 1)), outs);
        float[] stats = new float[layout.bnStatCount()];
        int o = 0;
        for (String m : train.momentOutputs()) {
            float[] v = NdArrays.toFloats(r.get(m), r.get(m).length());
            System.arraycopy(v, 0, stats, o, v.length);
            o += v.length;
        }
        float[] expected = NdArrays.toFloats(r.get(UNetGraph.OUTPUT), (long) b * n * n);
        float[] actual = new ScoreNetwork(SMALL, new NetworkWeights(params, stats)).forward(input, b, n, n);
        double scale = 0;
        for (float v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertTrue(scale > 0.1, "the test network must produce a non-trivial output");
        for (int i = 0; i < expected.length; i++) {
            // BN folded into the convolutions and the epsilon placement differ in rounding only
            assertEquals(expected[i], actual[i], 2e-3 * scale, "pixel " + i);
        }
    }

    @Test
    void aMapsOutputDoesNotDependOnTheRestOfItsBatch() {
        ParameterLayout layout = ParameterLayout.of(SMALL);
        ScoreNetwork net = new ScoreNetwork(SMALL, new NetworkWeights(TestNets.randomisedParameters(layout, 5), TestNets.randomBnStats(layout, 6)));
        int n = 16;
        int px = n * n * 3;
        float[] batch = TestNets.gaussian(5 * px, 7);
        float[] alone = java.util.Arrays.copyOfRange(batch, 2 * px, 3 * px);
        float[] outAlone = net.forward(alone, 1, n, n);
        float[] outBatch = net.forward(batch, 5, n, n);
        float[] third = java.util.Arrays.copyOfRange(outBatch, 2 * n * n, 3 * n * n);
        double scale = 0;
        for (float v : outAlone) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertArrayEquals(outAlone, third, (float) (1e-5 * scale));
        // and a batch of other maps changes nothing either
        float[] other = TestNets.gaussian(5 * px, 8);
        System.arraycopy(alone, 0, other, 4 * px, px);
        float[] last = java.util.Arrays.copyOfRange(net.forward(other, 5, n, n), 4 * n * n, 5 * n * n);
        assertArrayEquals(outAlone, last, (float) (1e-5 * scale));
    }

    /**
     * The network treats a map as a torus: rolling the input by a multiple of 2^scales rolls the
     * output by the same amount, pixel for pixel, including across the edges (a zero-padded
     * network fails this at every border pixel).
     */
    @Test
    void theNetworkIsPeriodicRollingTheInputRollsTheOutput() {
        ParameterLayout layout = ParameterLayout.of(SMALL);
        ScoreNetwork net = new ScoreNetwork(SMALL, new NetworkWeights(TestNets.randomisedParameters(layout, 9), TestNets.randomBnStats(layout, 10)));
        int ny = 16;
        int nx = 24;
        float[] in = TestNets.gaussian(ny * nx * 3, 11);
        int dy = 4;
        int dx = -8;
        float[] rolled = new float[in.length];
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                int src = (Math.floorMod(y - dy, ny) * nx + Math.floorMod(x - dx, nx)) * 3;
                System.arraycopy(in, src, rolled, (y * nx + x) * 3, 3);
            }
        }
        float[] out = net.forward(in, 1, ny, nx);
        float[] outRolled = net.forward(rolled, 1, ny, nx);
        double scale = 0;
        for (float v : out) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertTrue(scale > 0.1, "the test network must produce a non-trivial output");
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                assertEquals(out[Math.floorMod(y - dy, ny) * nx + Math.floorMod(x - dx, nx)], outRolled[y * nx + x],
                        1e-5 * scale, "pixel (" + y + ", " + x + ")");
            }
        }
    }

    /**
     * The loss is quadratic in the target: L(e) − L(−e) = 4⟨H·y, e⟩/N, where y is the network output.
     * With the window that equals the unwindowed L(H·e) − L(−H·e) = 4⟨y, H·e⟩/N (H symmetric), H·e
     * computed by FFT as sampling applies it: so the graph's filter is the sampler's.
     */
    @Test
    void theLossFiltersTheOutputWithTheResidualWindowAsSamplingDoes() {
        ParameterLayout layout = ParameterLayout.of(SMALL);
        float[] params = TestNets.randomisedParameters(layout, 21);
        int b = 2;
        int n = 16;
        float[] input = TestNets.gaussian(b * n * n * 3, 22);
        float[] e = TestNets.gaussian(b * n * n, 23);
        ResidualWindow window = new ResidualWindow(2000);
        ResidualWindow.Filter h = window.filter(n, n, Math.toRadians(1.0 / 60));
        float[] he = new float[e.length];
        for (int m = 0; m < b; m++) {
            double[] map = new double[n * n];
            for (int i = 0; i < n * n; i++) {
                map[i] = e[m * n * n + i];
            }
            double[] f = h.apply(map);
            for (int i = 0; i < n * n; i++) {
                he[m * n * n + i] = (float) f[i];
            }
        }
        TrainingNetwork windowed = new TrainingNetwork(SMALL, params, window, 1.0);
        TrainingNetwork plain = new TrainingNetwork(SMALL, params);
        double viaGraph = oddPart(windowed, input, e, b, n);
        double viaFft = oddPart(plain, input, he, b, n);
        double unwindowed = oddPart(plain, input, e, b, n);
        assertEquals(viaFft, viaGraph, 2e-3 * Math.abs(viaFft));
        assertTrue(Math.abs(unwindowed - viaFft) > 0.05 * Math.abs(viaFft),
                "the window must change this loss: " + unwindowed + " vs " + viaFft);
    }

    private static double oddPart(TrainingNetwork net, float[] input, float[] target, int b, int n) {
        float[] minus = target.clone();
        for (int i = 0; i < minus.length; i++) {
            minus[i] = -minus[i];
        }
        double[] sigmas = new double[b];
        java.util.Arrays.fill(sigmas, 0.01);
        return net.step(input, target, sigmas, b, n, n).loss() - net.step(input, minus, sigmas, b, n, n).loss();
    }

    @Test
    void gradientsMatchFiniteDifferencesOfTheLoss() {
        checkGradients(ResidualWindow.NONE);
    }

    @Test
    void gradientsMatchFiniteDifferencesOfTheWindowedLoss() {
        checkGradients(new ResidualWindow(3000));
    }

    @Test
    void gradientsMatchFiniteDifferencesOfTheWienerScaledLoss() {
        checkGradients(new ResidualWindow(3000), ResidualScaling.WIENER);
    }

    /** A power map on an 8² grid with P from 10⁻⁵ to 10⁻³ per mode, so W = σ/√(P + σ²) spans 0.1–0.95 at the test's σ. */
    static org.massmap.prior.PowerMap testPower(int n) {
        double[] p = new double[n * n];
        java.util.Random r = new java.util.Random(21);
        for (int i = 1; i < p.length; i++) {
            p[i] = Math.pow(10, -5 + 2 * r.nextDouble());
        }
        return org.massmap.prior.PowerMap.of(n, n, p);
    }

    /** The loss computed outside the graph (by FFT, gradient fed back) is the in-graph loss, value and gradient. */
    @Test
    void theLossComputedOutsideTheGraphEqualsTheInGraphLoss() {
        NetworkConfig tiny = new NetworkConfig(List.of(3, 4), 1, Activation.SILU);
        ParameterLayout layout = ParameterLayout.of(tiny);
        float[] params = TestNets.randomisedParameters(layout, 31);
        int b = 2;
        int n = 8;
        float[] input = TestNets.gaussian(b * n * n * 3, 32);
        float[] target = TestNets.gaussian(b * n * n, 33);
        double[] sigmas = {0.01, 0.03};
        ResidualWindow window = new ResidualWindow(3000);
        TrainingNetwork.Step inGraph = new TrainingNetwork(tiny, params, window, 1.0).step(input, target, sigmas, b, n, n);
        TrainingNetwork.Step outside = new TrainingNetwork(tiny, params, window, 1.0, ResidualScaling.SIGMA, null, true)
                .step(input, target, sigmas, b, n, n);
        assertEquals(inGraph.loss(), outside.loss(), 1e-5 * inGraph.loss());
        double scale = 0;
        for (float g : inGraph.gradient()) {
            scale = Math.max(scale, Math.abs(g));
        }
        for (int i = 0; i < inGraph.gradient().length; i++) {
            assertEquals(inGraph.gradient()[i], outside.gradient()[i], 1e-4 * scale, "parameter " + i);
        }
        assertArrayEquals(inGraph.batchMoments(), outside.batchMoments(), 1e-5f);
        // control: the Wiener scaling changes the loss
        TrainingNetwork.Step wiener = new TrainingNetwork(tiny, params, window, 1.0, ResidualScaling.WIENER, testPower(n))
                .step(input, target, sigmas, b, n, n);
        assertTrue(Math.abs(wiener.loss() - inGraph.loss()) > 1e-3 * inGraph.loss(), wiener.loss() + " vs " + inGraph.loss());
    }

    private static void checkGradients(ResidualWindow window) {
        checkGradients(window, ResidualScaling.SIGMA);
    }

    private static void checkGradients(ResidualWindow window, ResidualScaling scaling) {
        NetworkConfig tiny = new NetworkConfig(List.of(3, 4), 1, Activation.SILU);
        ParameterLayout layout = ParameterLayout.of(tiny);
        float[] params = TestNets.randomisedParameters(layout, 11);
        int b = 2;
        int n = 8;
        float[] input = TestNets.gaussian(b * n * n * 3, 12);
        float[] target = TestNets.gaussian(b * n * n, 13);
        double[] sigmas = {0.005, 0.02};
        TrainingNetwork net = new TrainingNetwork(tiny, params, window, 1.0, scaling, scaling == ResidualScaling.SIGMA ? null : testPower(n));
        TrainingNetwork.Step s = net.step(input, target, sigmas, b, n, n);
        java.util.Random pick = new java.util.Random(14);
        int checked = 0;
        for (ParameterLayout.Entry e : layout.entries()) {
            // one parameter from every tensor: checks the autodiff and the flattening order
            int i = e.offset() + pick.nextInt(e.length());
            float h = 1e-2f;
            float[] plus = params.clone();
            float[] minus = params.clone();
            plus[i] += h;
            minus[i] -= h;
            net.setParameters(plus);
            double lp = net.step(input, target, sigmas, b, n, n).loss();
            net.setParameters(minus);
            double lm = net.step(input, target, sigmas, b, n, n).loss();
            double fd = (lp - lm) / (2 * h);
            assertEquals(fd, s.gradient()[i], 0.05 * Math.abs(fd) + 2e-4, e.name() + "[" + (i - e.offset()) + "]");
            checked++;
        }
        assertEquals(layout.entries().size(), checked);
    }
}
