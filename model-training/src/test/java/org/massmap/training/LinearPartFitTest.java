package org.massmap.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.massmap.grid.SkyPoint;
import org.massmap.grid.TileGrid;
import org.massmap.model.Activation;
import org.massmap.model.HybridScore;
import org.massmap.model.InputEncoding;
import org.massmap.model.ModelMetadata;
import org.massmap.model.NetworkConfig;
import org.massmap.model.NetworkWeights;
import org.massmap.model.ParameterLayout;
import org.massmap.model.PowerSpectrumTable;
import org.massmap.model.ResidualLinearPart;
import org.massmap.model.ResidualWindow;
import org.massmap.model.ResidualScaling;
import org.massmap.model.ScoreModel;
import org.massmap.model.SigmaDistribution;
import org.massmap.model.TrainingSummary;
import org.massmap.stats.PowerSpectrumEstimator;

/**
 * The fitted linear part removes what it should: on fresh maps (another seed) the residual of an
 * untrained network, strongly correlated with its input in some bands, has E[x_b·r_b] ≈ 0 in every
 * band once the part is removed, and the fit's table is reproducible from its seed.
 */
class LinearPartFitTest {
    private static final NetworkConfig NET = new NetworkConfig(List.of(4, 8), 1, Activation.RELU);
    private static final PowerSpectrumTable CL = new PowerSpectrumTable(new double[] {100, 1000, 10000, 100000},
            new double[] {1e-8, 3e-10, 1e-11, 1e-13}, "test spectrum");

    private static ScoreModel untrained() {
        ParameterLayout layout = ParameterLayout.of(NET);
        Random r = new Random(3);
        float[] p = new float[layout.parameterCount()];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) (0.3 * r.nextGaussian());
        }
        NetworkWeights w = new NetworkWeights(p, layout.initialBnStats());
        ModelMetadata meta = new ModelMetadata(ModelMetadata.FORMAT_VERSION, "test", "2024-01-01T00:00:00Z", NET, new InputEncoding(0.02),
                1.0, 16, 16, CL, new SigmaDistribution(SigmaDistribution.Kind.LOG_UNIFORM, 0.1, 0.005, 0.1),
                new TrainingSummary(1, 1, 16, 1, 0, 0, 0), w.sha256(), ResidualWindow.NONE, null, null);
        return new ScoreModel(meta, w);
    }

    /** −E[Re X̄ R] / E[|X|²] per band: the residual's regression on the map at noise σ. */
    private static double[] slope(HybridScore score, TrainingMaps maps, PowerSpectrumEstimator est, double sigma, long seed) {
        Random rng = new Random(seed);
        double[] xr = new double[est.ell().length];
        double[] xx = new double[xr.length];
        for (int k = 0; k < 48; k++) {
            double[] x = maps.next(rng);
            for (int i = 0; i < x.length; i++) {
                x[i] += sigma * rng.nextGaussian();
            }
            double[][] r = {new double[x.length]};
            score.residual(new double[][] {x}, new double[] {sigma}, r);
            double[] c = est.cross(x, r[0]);
            double[] p = est.estimate(x);
            for (int b = 0; b < xr.length; b++) {
                xr[b] += c[b];
                xx[b] += p[b];
            }
        }
        double[] g = new double[xr.length];
        for (int b = 0; b < g.length; b++) {
            g[b] = xr[b] / xx[b];
        }
        return g;
    }

    @Test
    void removingTheFittedPartLeavesNoLinearResponseOnFreshMaps() {
        ScoreModel model = untrained();
        TrainingMaps maps = new GaussianMaps(16, 1.0, CL);
        ResidualLinearPart part = LinearPartFit.fit(model, maps, 3, 4, 48, 21);
        assertEquals(part, LinearPartFit.fit(model, maps, 3, 4, 48, 21), "a pure function of the seed");
        TileGrid grid = TileGrid.square(16, 1.0, new SkyPoint(0, 0));
        PowerSpectrumEstimator est = new PowerSpectrumEstimator(grid, 4);
        double sigma = part.sigma()[1];
        double[] before = slope(model.hybridScore(grid), maps, est, sigma, 99);
        ScoreModel corrected = new ScoreModel(model.metadata().withLinearPart(part), model.weights());
        double[] after = slope(corrected.hybridScore(grid), maps, est, sigma, 99);
        double largest = 0;
        for (double g : before) {
            largest = Math.max(largest, Math.abs(g));
        }
        assertTrue(largest > 1, "the untrained network has a linear part to remove: " + java.util.Arrays.toString(before));
        for (int b = 0; b < after.length; b++) {
            assertTrue(Math.abs(after[b]) < 0.25 * largest, "band " + b + ": " + after[b] + " left of " + before[b]);
        }
    }
}
