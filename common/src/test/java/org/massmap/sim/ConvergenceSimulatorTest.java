package org.massmap.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.massmap.grid.SkyPoint;
import org.massmap.grid.TileGrid;
import org.massmap.prior.PowerMap;
import org.massmap.stats.BandPowerRatio;
import org.massmap.theory.SourceDistribution;
import org.massmap.theory.TheoryConvergenceSpectrum;
import org.massmap.theory.TheorySettings;

/**
 * The simulator's maps have the prior's power. Tolerances are 4 standard errors of the band means,
 * measured from the scatter of the maps (which includes the halos' non-Gaussian sample variance; at
 * the lowest ℓ it is carried by the rare massive halos, so there the sample mean's distribution is
 * skewed and its error estimate itself uncertain).
 */
class ConvergenceSimulatorTest {
    static final TheorySettings THEORY = TheorySettings.defaults(SourceDistribution.plane(1.0));
    static final TheoryConvergenceSpectrum CL = TheoryConvergenceSpectrum.compute(THEORY);
    static final HaloModel HALOS = new HaloModel(THEORY, HaloModelSpec.DEFAULT);
    static final double SHIFT = 0.025;

    @Test
    void thePowerSplitsExactlyAndTheHalosNeverCarryMoreThanTheirShare() {
        TileGrid grid = TileGrid.square(64, 1.0, new SkyPoint(0, 0));
        PowerMap target = PowerMap.fromCl(grid, CL::cl);
        ConvergenceSimulator sim = new ConvergenceSimulator(grid, target, SHIFT, HALOS);
        double[] halo = sim.haloPower();
        double maxShare = 0;
        for (int i = 1; i < halo.length; i++) {
            assertEquals(target.at(i), sim.fieldPower().at(i) + halo[i], 1e-12 * target.at(i));
            maxShare = Math.max(maxShare, halo[i] / target.at(i));
        }
        System.out.printf("1' 64^2: A = %.4f, largest halo share of a mode %.3f, clipped Gaussian power %.2e%n", sim.abundance(),
                maxShare, sim.clippedPowerFraction());
        // the lognormal shift is valid for the field's power P − A·P_1h: ξ_g's power spectrum is (almost) non-negative
        assertTrue(sim.clippedPowerFraction() < 1e-3, "clipped " + sim.clippedPowerFraction());
        assertTrue(maxShare <= ConvergenceSimulator.MAX_ONE_HALO_FRACTION + 1e-12);
        // a theory with 3x less power than the halos' binds the rule: A < 1 and the share reaches exactly f at some mode
        double[] weak = target.toArray();
        for (int i = 0; i < weak.length; i++) {
            weak[i] /= 3;
        }
        ConvergenceSimulator bound = new ConvergenceSimulator(grid, PowerMap.of(64, 64, weak), SHIFT, HALOS);
        double[] h = bound.haloPower();
        double share = 0;
        for (int i = 1; i < h.length; i++) {
            share = Math.max(share, h[i] / weak[i]);
        }
        assertEquals(sim.abundance() / 3 * ConvergenceSimulator.MAX_ONE_HALO_FRACTION / maxShare, bound.abundance(), 1e-9);
        assertEquals(ConvergenceSimulator.MAX_ONE_HALO_FRACTION, share, 1e-12);
        // draws have zero mean
        double[] k = sim.draw(new SplittableRandom(2)).kappa();
        double mean = 0;
        for (double v : k) {
            mean += v / k.length;
        }
        assertEquals(0, mean, 1e-15);
    }

    @ParameterizedTest(name = "{0} arcmin, {1}^2")
    @CsvSource({"1.0, 128", "0.29, 96"})
    void meanPowerOfTheMapsIsThePriorsAndDoubleCountedHalosAreNot(double arcmin, int n) {
        TileGrid grid = TileGrid.square(n, arcmin, new SkyPoint(0, 0));
        PowerMap target = PowerMap.fromCl(grid, CL::cl);
        ConvergenceSimulator sim = new ConvergenceSimulator(grid, target, SHIFT, HALOS);
        LognormalFieldGenerator fullField = new LognormalFieldGenerator(target, SHIFT); // the old simulator's field
        int bands = 8;
        BandPowerRatio ratio = new BandPowerRatio(grid, bands, target.toArray());
        BandPowerRatio doubleCounted = new BandPowerRatio(grid, bands, target.toArray());
        SplittableRandom rng = new SplittableRandom(7);
        for (int m = 0; m < 64; m++) {
            ratio.add(sim.draw(rng).kappa());
            double[] old = fullField.draw(rng);
            HaloRenderer.add(grid, HALOS.draw(grid, 1, rng), old, HaloRenderer.Boundary.PERIODIC);
            doubleCounted.add(old);
        }
        double worstControl = 0;
        System.out.printf("%.2f' %d^2, A = %.3f:%n", arcmin, n, sim.abundance());
        for (int b = 0; b < bands; b++) {
            System.out.printf("  ell %5.0f-%5.0f  simulator/prior %.3f ± %.3f   double-counted/prior %.3f ± %.3f%n", ratio.ellLow(b),
                    ratio.ellHigh(b), ratio.mean(b), ratio.error(b), doubleCounted.mean(b), doubleCounted.error(b));
            assertEquals(1, ratio.mean(b), 4 * ratio.error(b), "band " + b);
            worstControl = Math.max(worstControl, Math.abs(doubleCounted.mean(b) - 1) / doubleCounted.error(b));
        }
        assertTrue(worstControl > 8, "the double-counting simulator must fail this test; its worst band is only "
                + worstControl + " sigma off");
    }

    @Test
    void withoutHalosOrShiftTheMapsAreGaussianWithThePriorsPower() {
        TileGrid grid = TileGrid.square(32, 1.0, new SkyPoint(0, 0));
        PowerMap target = PowerMap.fromCl(grid, CL::cl);
        ConvergenceSimulator sim = new ConvergenceSimulator(grid, target, 0, null);
        assertEquals(0, sim.abundance());
        BandPowerRatio r = new BandPowerRatio(grid, 4, target.toArray());
        SplittableRandom rng = new SplittableRandom(5);
        for (int m = 0; m < 200; m++) {
            ConvergenceSimulator.Draw d = sim.draw(rng);
            assertTrue(d.halos().isEmpty());
            r.add(d.kappa());
        }
        for (int b = 0; b < 4; b++) {
            assertEquals(1, r.mean(b), 4 * r.error(b));
        }
    }
}
