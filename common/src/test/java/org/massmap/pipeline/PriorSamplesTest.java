package org.massmap.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.massmap.config.ConfigLoader;
import org.massmap.config.SamplerConfig;
import org.massmap.config.Settings;
import org.massmap.grid.SkyPoint;
import org.massmap.grid.TileGrid;
import org.massmap.prior.GaussianFieldGenerator;
import org.massmap.prior.GaussianPrior;
import org.massmap.prior.PowerMap;
import org.massmap.validation.EnsembleComparison;

/**
 * Prior-only samples of an exactly known prior (Gaussian) drawn by the default sampler have the
 * prior's band powers and one-point statistics; a prior with twice the power is told apart.
 */
@org.massmap.testing.SlowTest
class PriorSamplesTest {
    private static final TileGrid GRID = TileGrid.square(32, 1.0, new SkyPoint(0, 0));
    private static final PowerMap POWER = PowerMap.fromCl(GRID, l -> 2e-9 * Math.pow(1 + l / 1000.0, -1.2));

    private static List<double[]> draws(PowerMap p, long seed, int n) {
        GaussianFieldGenerator g = new GaussianFieldGenerator(p);
        SplittableRandom rng = new SplittableRandom(seed);
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(g.draw(rng));
        }
        return out;
    }

    private static EnsembleComparison compare(List<double[]> samples, List<double[]> reference) {
        return EnsembleComparison.of(GRID, samples, reference, 5, new double[] {2}, new double[] {0.005}, new double[] {1, 2});
    }

    @Test
    void priorOnlySamplesOfTheGaussianPriorHaveItsPower() {
        SamplerConfig sampler = SamplerConfig.from(new Settings(ConfigLoader.load(null, Map.of())));
        List<double[]> samples = PriorSamples.draw(GRID, POWER, new GaussianPrior(POWER), sampler, 48, 2);
        assertEquals(48, samples.size());
        List<double[]> reference = draws(POWER, 5, 200);
        EnsembleComparison c = compare(samples, reference);
        for (int b = 0; b < c.powerRatio().length; b++) {
            assertEquals(1, c.powerRatio()[b], 4 * c.powerRatioErr()[b], "band " + b + " at ell " + c.ell()[b]);
        }
        assertEquals(0, c.skewness()[0], 4 * c.skewnessErr()[0]);
        // control: the same comparison sees a prior with twice the power
        PowerMap doubled = PowerMap.fromCl(GRID, l -> 4e-9 * Math.pow(1 + l / 1000.0, -1.2));
        EnsembleComparison d = compare(PriorSamples.draw(GRID, doubled, new GaussianPrior(doubled), sampler, 48, 2), reference);
        for (int b = 0; b < d.powerRatio().length; b++) {
            assertTrue(Math.abs(d.powerRatio()[b] - 1) > 4 * d.powerRatioErr()[b], "band " + b + ": " + d.powerRatio()[b]);
        }
    }

    @Test
    void chainsStartedAtDrawsOfTheRightPriorStayThereAndAWrongPriorMovesThem() {
        SamplerConfig sampler = SamplerConfig.from(new Settings(ConfigLoader.load(null, Map.of())));
        List<double[]> starts = draws(POWER, 11, 24);
        List<double[]> reference = draws(POWER, 5, 200);
        EnsembleComparison stay = compare(PriorSamples.stayFrom(GRID, POWER, new GaussianPrior(POWER), sampler, starts, 10, 40, 2),
                reference);
        for (int b = 0; b < stay.powerRatio().length; b++) {
            assertEquals(1, stay.powerRatio()[b], 4 * stay.powerRatioErr()[b], "band " + b + " at ell " + stay.ell()[b]);
        }
        // control: a score of a prior with a quarter of the power pulls the same starts towards it
        PowerMap quarter = PowerMap.fromCl(GRID, l -> 0.5e-9 * Math.pow(1 + l / 1000.0, -1.2));
        EnsembleComparison moved = compare(PriorSamples.stayFrom(GRID, POWER, new GaussianPrior(quarter), sampler, starts, 10, 40, 2),
                reference);
        for (int b = 0; b < moved.powerRatio().length; b++) {
            assertTrue(moved.powerRatio()[b] < 1 - 4 * moved.powerRatioErr()[b], "band " + b + ": " + moved.powerRatio()[b]);
        }
    }
}
