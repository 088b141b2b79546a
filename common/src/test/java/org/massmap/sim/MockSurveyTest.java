package org.massmap.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.massmap.catalog.BinnedShear;
import org.massmap.catalog.ShapeNoise;
import org.massmap.catalog.ShearAccumulator;
import org.massmap.catalog.ShearBinner;
import org.massmap.grid.SkyPoint;
import org.massmap.grid.TileGrid;
import org.massmap.lensing.KaiserSquires;
import org.massmap.lensing.ShearModel;
import org.massmap.validation.MapMetrics;

class MockSurveyTest {

    static double cl(double ell) {
        return 2e-9 * Math.pow(ell / 1000.0, -1.1) * Math.exp(-ell / 20000.0);
    }

    static BinnedShear bin(MockSurvey m) throws Exception {
        ShearBinner binner = new ShearBinner(m.grid());
        ShearAccumulator acc = binner.newAccumulator();
        binner.accumulate(m.asChunk(), acc);
        return binner.finish(acc, ShapeNoise.configured(0.01));
    }

    @Test
    void densityMaskAndShearRoundTripThroughTheBinner() throws Exception {
        MockSurveySpec spec = new MockSurveySpec(48, 1.0, new SkyPoint(20, -60), 20, 0.01, 0.03,
                new MaskSpec(0.8, 15, 40, 1, 3, 1, 1), ShearModel.SHEAR);
        MockSurvey m = MockSurvey.generate(spec, MockSurvey.truthSimulator(spec, MockSurveyTest::cl, null), new SplittableRandom(3));
        // density: Poisson count over the observed area
        int observed = 0;
        for (boolean b : m.pixelMask()) {
            observed += b ? 1 : 0;
        }
        double expected = 20.0 * observed; // 1 arcmin^2 pixels
        assertEquals(expected, m.galaxies(), 5 * Math.sqrt(expected) + 0.02 * expected);
        // galaxies avoid masked regions: pixels whose centre is masked hold far fewer than observed ones
        // (only those the mask boundary cuts hold any)
        BinnedShear b = bin(m);
        int[] counts = b.counts();
        double inMasked = 0;
        double inObserved = 0;
        int nMasked = 0;
        for (int i = 0; i < counts.length; i++) {
            if (m.pixelMask()[i]) {
                inObserved += counts[i];
            } else {
                inMasked += counts[i];
                nMasked++;
            }
        }
        assertTrue(nMasked > 100, "the mask should remove a good part of the tile");
        assertTrue(inMasked / nMasked < 0.3 * inObserved / observed,
                "masked pixels hold " + inMasked / nMasked + " galaxies on average, observed ones " + inObserved / observed);
        // nearly noiseless: KS of the binned shear recovers the truth inside the mask (sky conventions round trip)
        double[] ks = new KaiserSquires(48, 48).inverse(b.gamma1(), b.gamma2())[0];
        boolean[] interior = new boolean[ks.length];
        for (int iy = 6; iy < 42; iy++) {
            for (int ix = 6; ix < 42; ix++) {
                interior[iy * 48 + ix] = b.mask()[iy * 48 + ix];
            }
        }
        double r = MapMetrics.of(ks, m.truthKappa(), interior).pearson();
        assertTrue(r > 0.8, "KS of the mock's shear should follow its truth, r = " + r);
    }

    @Test
    void theShearIsNotPeriodicOnTheTile() {
        // the truth lives on a field twice the tile: its shear on the tile is not the periodic KS of the tile's truth
        MockSurveySpec spec = new MockSurveySpec(32, 1.0, new SkyPoint(0, 0), 40, 0.01, 0, MaskSpec.none(), ShearModel.SHEAR);
        MockSurvey m = MockSurvey.generate(spec, MockSurvey.truthSimulator(spec, MockSurveyTest::cl, null), new SplittableRandom(4));
        TileGrid g = m.grid();
        double[][] periodic = new KaiserSquires(32, 32).forward(m.truthKappa(), null);
        assertFalse(java.util.Arrays.equals(periodic[0], new double[g.size()]));
        assertTrue(m.galaxies() > 0);
        // the doubled field keeps the tile on its pixels
        assertEquals(64, MockSurvey.field(spec).nx());
        assertEquals(2 * 33 + 1, MockSurvey.field(new MockSurveySpec(33, 1.0, new SkyPoint(0, 0), 1, 0.2, 0, MaskSpec.none(),
                ShearModel.SHEAR)).nx());
    }

    @Test
    void galaxiesTakeTheShearOfTheirPixel() {
        // a pixel value is a pixel average, so every galaxy in a pixel gets that pixel's shear: with (almost) no shape
        // noise the galaxies of one pixel agree exactly, while the shear varies by ~1e-2 between pixels
        MockSurveySpec spec = new MockSurveySpec(16, 1.0, new SkyPoint(0, 0), 40, 1e-7, 0.03, MaskSpec.none(), ShearModel.SHEAR);
        MockSurvey m = MockSurvey.generate(spec, MockSurvey.truthSimulator(spec, MockSurveyTest::cl, null), new SplittableRandom(6));
        TileGrid g = m.grid();
        double[] first1 = new double[g.size()];
        double[] first2 = new double[g.size()];
        java.util.Arrays.fill(first1, Double.NaN);
        double worstWithin = 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double[] xy = new double[2];
        for (int i = 0; i < m.galaxies(); i++) {
            assertTrue(g.tangentPlane().project(m.ra()[i], m.dec()[i], xy));
            int p = g.pixelIndex(g.xOf(xy[0]), g.yOf(xy[1]));
            double e1 = m.e1()[i];
            double e2 = -m.e2()[i]; // sky convention → grid frame (the frame rotation is ~1e-5 rad this close to the equator)
            if (Double.isNaN(first1[p])) {
                first1[p] = e1;
                first2[p] = e2;
            } else {
                worstWithin = Math.max(worstWithin, Math.hypot(e1 - first1[p], e2 - first2[p]));
            }
            lo = Math.min(lo, e1);
            hi = Math.max(hi, e1);
        }
        double spread = hi - lo;
        assertTrue(spread > 3e-3, "the truth's shear should vary across the tile: " + spread);
        assertTrue(worstWithin < 1e-5, "galaxies of one pixel differ by " + worstWithin);
    }

    @Test
    void lensedEllipticityFollowsTheComplexTransformation() {
        // zero intrinsic shape gives e = g; e_s and g along the same axis add as (e+g)/(1+eg)
        double[] e = LensingField.lensed(new double[] {0, 0}, 0.1, -0.05);
        assertEquals(0.1, e[0], 1e-15);
        assertEquals(-0.05, e[1], 1e-15);
        double[] f = LensingField.lensed(new double[] {0.2, 0}, 0.1, 0);
        assertEquals(0.3 / 1.02, f[0], 1e-15);
        assertEquals(0, f[1], 1e-15);
    }

    @Test
    void aGivenTruthIsObservedWithTheSameGalaxiesWhateverTheTruth() {
        MockSurveySpec spec = new MockSurveySpec(16, 1.0, new SkyPoint(150, 2), 20, 0.26, 0, new MaskSpec(0.9, 5, 0, 1, 1, 0, 0),
                ShearModel.REDUCED_SHEAR);
        ConvergenceSimulator sim = MockSurvey.truthSimulator(spec, MockSurveyTest::cl, null);
        MockSurvey field = MockSurvey.generate(spec, sim, new SplittableRandom(5));
        SplittableRandom rng = new SplittableRandom(5);
        double[] kappa = sim.draw(rng).kappa();
        MockSurvey again = MockSurvey.generate(spec, new ConvergenceSimulator.Draw(kappa, List.of()), rng);
        assertTrue(java.util.Arrays.equals(field.e1(), again.e1()) && java.util.Arrays.equals(field.ra(), again.ra()));
        SplittableRandom zeroRng = new SplittableRandom(5);
        sim.draw(zeroRng);
        MockSurvey noise = MockSurvey.generate(spec, new ConvergenceSimulator.Draw(new double[kappa.length], List.of()), zeroRng);
        assertTrue(java.util.Arrays.equals(field.ra(), noise.ra()), "the same galaxies");
        assertFalse(java.util.Arrays.equals(field.e1(), noise.e1()), "control: the field shears them, κ = 0 does not");
        double maxTruth = 0;
        for (double v : noise.truthKappa()) {
            maxTruth = Math.max(maxTruth, Math.abs(v));
        }
        assertEquals(0, maxTruth);
    }
}
