package org.massmap.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.massmap.config.ConfigLoader;
import org.massmap.config.SamplerConfig;
import org.massmap.config.Settings;
import org.massmap.grid.SkyPoint;
import org.massmap.grid.TileGrid;
import org.massmap.lensing.ShearModel;
import org.massmap.pipeline.PriorModel;
import org.massmap.prior.GaussianFieldGenerator;
import org.massmap.prior.PowerMap;
import org.massmap.sampling.ScoreFunction;

class SimulationBasedCalibrationTest {
    private static final TileGrid TILE = TileGrid.square(16, 1.0, new SkyPoint(150, 2));
    private static final PowerMap POWER = PowerMap.fromCl(TILE, l -> 2e-9 * Math.pow(1 + l / 1000.0, -1.5));
    private static final int REALISATIONS = 48;
    private static final int SAMPLES = 15;

    @Test
    void ranksAreUniformForTheGaussianPriorAndFarFromUniformForAWrongOne() {
        SamplerConfig sampler = SamplerConfig.from(new Settings(ConfigLoader.load(null, Map.of())));
        GaussianFieldGenerator truths = new GaussianFieldGenerator(POWER);
        double noise = 0.26 / Math.sqrt(30); // 30 galaxies per arcmin², σ_e = 0.26: noise comparable to the signal
        SimulationBasedCalibration right = new SimulationBasedCalibration(TILE, POWER, truths::draw, ShearModel.REDUCED_SHEAR, noise,
                PriorModel.gaussian(), sampler, 7);
        double[] pRight = pValues(right);
        // control: the sampler's prior 4× too wide (truths from the right one): over-dispersed posteriors
        PriorModel wide = new PriorModel() {
            @Override
            public ScoreFunction scoreFor(TileGrid grid, PowerMap power) {
                double[] p = power.toArray();
                for (int i = 0; i < p.length; i++) {
                    p[i] *= 4;
                }
                return PriorModel.gaussian().scoreFor(grid, PowerMap.of(grid.nx(), grid.ny(), p));
            }

            @Override
            public double[] sigmaRange() {
                return PriorModel.gaussian().sigmaRange();
            }

            @Override
            public String checksum() {
                return "wide";
            }

            @Override
            public String describe() {
                return "4x wide Gaussian";
            }
        };
        double[] pWrong = pValues(new SimulationBasedCalibration(TILE, POWER, truths::draw, ShearModel.REDUCED_SHEAR, noise, wide, sampler, 7));
        double minRight = Arrays.stream(pRight).min().orElseThrow();
        long wrongFails = Arrays.stream(pWrong).filter(p -> p < 1e-3).count();
        // 18 statistics: a calibrated posterior rarely gives p < 1e-3 for any (≈ 2% by chance; seeds are fixed)
        assertTrue(minRight > 1e-3, "calibrated: smallest p-value " + minRight + " in " + Arrays.toString(pRight));
        assertTrue(wrongFails >= 4, "a 4x too wide prior must fail several statistics: " + Arrays.toString(pWrong));
    }

    private static double[] pValues(SimulationBasedCalibration sbc) {
        int stats = sbc.statistics().names().size();
        int[][] ranks = new int[stats][REALISATIONS];
        for (int r = 0; r < REALISATIONS; r++) {
            SimulationBasedCalibration.Realisation res = sbc.run(r, SAMPLES, 2);
            assertEquals(stats, res.ranks().length);
            for (int j = 0; j < stats; j++) {
                ranks[j][r] = res.ranks()[j];
            }
        }
        double[] p = new double[stats];
        for (int j = 0; j < stats; j++) {
            p[j] = RankHistogram.of(ranks[j], SAMPLES, 4).pValue();
        }
        return p;
    }

    @Test
    void rankHistogramCountsTiesFairlyAndTestsUniformity() {
        assertEquals(2, RankHistogram.rank(0.5, new double[] {0.1, 0.2, 0.9}, 0.3));
        // two ties: the truth may sit before, between or after them
        assertEquals(1, RankHistogram.rank(1.0, new double[] {1.0, 0.0, 1.0}, 0.0));
        assertEquals(2, RankHistogram.rank(1.0, new double[] {1.0, 0.0, 1.0}, 0.5));
        assertEquals(3, RankHistogram.rank(1.0, new double[] {1.0, 0.0, 1.0}, 0.99));
        int[] uniform = new int[64];
        for (int i = 0; i < uniform.length; i++) {
            uniform[i] = i % 16;
        }
        RankHistogram flat = RankHistogram.of(uniform, 15, 4);
        assertEquals(0, flat.chi2(), 1e-12);
        assertEquals(1, flat.pValue(), 1e-12);
        int[] piled = new int[64];
        Arrays.fill(piled, 7);
        RankHistogram bad = RankHistogram.of(piled, 15, 4);
        assertEquals(3 * 16 + 48 * 48 / 16.0, bad.chi2(), 1e-9); // counts {0, 64, 0, 0}, E = 16
        assertTrue(bad.pValue() < 1e-20);
    }
}
