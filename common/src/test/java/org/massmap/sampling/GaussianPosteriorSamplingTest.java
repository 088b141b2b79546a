package org.massmap.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.massmap.grid.SkyPoint;
import org.massmap.grid.TileGrid;
import org.massmap.lensing.KaiserSquires;
import org.massmap.lensing.ShearLikelihood;
import org.massmap.lensing.ShearModel;
import org.massmap.prior.GaussianFieldGenerator;
import org.massmap.prior.GaussianPrior;
import org.massmap.prior.PowerMap;
import org.massmap.wiener.DiagonalGaussianPosterior;
import org.massmap.wiener.GaussianPosterior;

/**
 * The annealed HMC sampler against the exactly known Gaussian posterior (docs/sampler.md, "Proof of
 * correctness"). Tolerances are Monte-Carlo errors: with K chains, the chain-mean
 * of a pixel scatters about the exact mean with std σ_post/√K, so rms(mean error)/σ_post ≈ 1/√K;
 * the pooled variance over all pixels and chains is good to about 1.5% with these sizes.
 */
@org.massmap.testing.SlowTest
class GaussianPosteriorSamplingTest {
    static final int CHAINS = 64;

    static double cl(double ell) {
        return 2e-9 * Math.pow(ell / 1000.0, -1.1) * Math.exp(-ell / 30000.0);
    }

    record Problem(TileGrid grid, PowerMap power, KaiserSquires ks, ShearLikelihood likelihood, double noise) {
        GaussianApproximation approximation() {
            return new GaussianApproximation(likelihood, power);
        }

        double[] ksStart() {
            double[] g1 = likelihood.gamma1();
            double[] g2 = likelihood.gamma2();
            boolean[] m = likelihood.mask();
            for (int i = 0; i < g1.length; i++) {
                if (!m[i]) {
                    g1[i] = 0;
                    g2[i] = 0;
                }
            }
            return ks.inverse(g1, g2)[0];
        }
    }

    static Problem problem(int npix, boolean masked, long seed) {
        double noise = 0.1;
        TileGrid grid = TileGrid.square(npix, 1.0, new SkyPoint(150, 2));
        PowerMap p = PowerMap.fromCl(grid, GaussianPosteriorSamplingTest::cl);
        Random rng = new Random(seed);
        double[] truth = new GaussianFieldGenerator(p).draw(rng);
        KaiserSquires ks = new KaiserSquires(npix, npix);
        double[][] g = ks.forward(truth, null);
        int n = truth.length;
        double[] sn = new double[n];
        boolean[] mask = new boolean[n];
        for (int iy = 0; iy < npix; iy++) {
            for (int ix = 0; ix < npix; ix++) {
                int i = iy * npix + ix;
                // COSMOS-like: an edge strip, a gap and a star hole when masked
                mask[i] = !masked || !(ix < npix / 8 || (iy >= npix / 2 && iy < npix / 2 + 2)
                        || Math.hypot(ix - 0.7 * npix, iy - 0.3 * npix) < npix / 7.0);
                sn[i] = noise;
                g[0][i] += noise * rng.nextGaussian();
                g[1][i] += noise * rng.nextGaussian();
            }
        }
        return new Problem(grid, p, ks, new ShearLikelihood(ks, g[0], g[1], sn, mask, ShearModel.SHEAR), noise);
    }

    /** The default HMC move: 3 leapfrog steps, Fourier mass. */
    static final HmcMove MOVE = new HmcMove(3, 0.5, 0.7, MassKind.FOURIER);

    /** The default schedule: geometric, 20 levels × 5 steps + 20 final. */
    static Schedule settings(double sigmaMin) {
        return new GeometricSchedule(0.5, sigmaMin, 20, 5, 20);
    }

    static List<double[]> samples(Problem pr, ScoreFunction prior, Schedule s, int chains, int threads) {
        List<ChainResult> res = new PosteriorSampler(new TemperedPosterior(pr.likelihood(), prior), pr.approximation(), s,
                MOVE, ProbabilityFlow.NONE)
                .sample(pr.ksStart(), 7, "tile-a", 0, chains, 8, threads, null);
        List<double[]> out = new ArrayList<>();
        for (ChainResult r : res) {
            assertNotNull(r.sample(), "chain failed: " + r.diagnostics().failure());
            out.add(r.sample());
        }
        return out;
    }

    /** rms over pixels of (chain mean − exact mean) / exact std, and pooled variance ratio. */
    record Agreement(double meanError, double stdRatio, int chains) {
        boolean agrees(double stdTolerance) {
            return meanError < 1.35 / Math.sqrt(chains) && Math.abs(stdRatio - 1) < stdTolerance;
        }
    }

    static Agreement compare(List<double[]> samples, double[] exactMean, double[] exactVariance, boolean[] select) {
        int n = exactMean.length;
        double err = 0;
        double var = 0;
        double ref = 0;
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (!select[i]) {
                continue;
            }
            double m = 0;
            for (double[] s : samples) {
                m += s[i] / samples.size();
            }
            double v = 0;
            for (double[] s : samples) {
                v += (s[i] - exactMean[i]) * (s[i] - exactMean[i]) / samples.size();
            }
            err += (m - exactMean[i]) * (m - exactMean[i]) / exactVariance[i];
            var += v;
            ref += exactVariance[i];
            count++;
        }
        return new Agreement(Math.sqrt(err / count), Math.sqrt(var / ref), samples.size());
    }

    @Test
    void unmaskedSamplerMatchesTheClosedFormPosteriorAtSigmaZero() {
        Problem pr = problem(32, false, 1);
        double sigmaMin = pr.approximation().sigmaMin(0.005, 0.5);
        List<double[]> samples = samples(pr, new GaussianPrior(pr.power()), settings(sigmaMin), CHAINS, 2);
        DiagonalGaussianPosterior exact = new DiagonalGaussianPosterior(pr.ks(), pr.power(), pr.noise());
        double[] mean = exact.mean(pr.likelihood().gamma1(), pr.likelihood().gamma2());
        double[] var = new double[mean.length];
        java.util.Arrays.fill(var, exact.pixelVariance());
        boolean[] all = new boolean[mean.length];
        java.util.Arrays.fill(all, true);
        Agreement a = compare(samples, mean, var, all);
        assertTrue(a.agrees(0.03), a.toString());

        // Teeth: the same sampler stopped at a sigma_min far too large (tempered, not the true posterior)
        Agreement tooWarm = compare(samples(pr, new GaussianPrior(pr.power()), settings(0.05), CHAINS, 2), mean, var, all);
        assertFalse(tooWarm.agrees(0.03), "a sampler stopping at sigma=0.05 must fail the check: " + tooWarm);
        // Teeth: a prior score with the wrong power (4x) gives the wrong posterior
        PowerMap wrong = PowerMap.of(32, 32, scaled(pr.power(), 4));
        Agreement wrongPrior = compare(samples(pr, new GaussianPrior(wrong), settings(sigmaMin), CHAINS, 2), mean, var, all);
        assertFalse(wrongPrior.agrees(0.03), "a sampler with the wrong prior must fail the check: " + wrongPrior);
    }

    @Test
    void maskedSamplerMatchesWienerMeanAndConstrainedRealisationStd() {
        Problem pr = problem(32, true, 2);
        double sigmaMin = pr.approximation().sigmaMin(0.005, 0.5);
        List<double[]> samples = samples(pr, new GaussianPrior(pr.power()), settings(sigmaMin), CHAINS, 2);
        GaussianPosterior exact = new GaussianPosterior(pr.likelihood(), pr.power(), 0);
        double[] wiener = exact.wienerFilter(1e-10, 2000).kappa();
        int n = wiener.length;
        int draws = 400;
        double[] var = new double[n];
        Random rng = new Random(3);
        for (int d = 0; d < draws; d++) {
            double[] s = exact.constrainedRealisation(rng, 1e-10, 2000).kappa();
            for (int i = 0; i < n; i++) {
                var[i] += (s[i] - wiener[i]) * (s[i] - wiener[i]) / draws;
            }
        }
        boolean[] inside = pr.likelihood().mask();
        boolean[] outside = new boolean[n];
        for (int i = 0; i < n; i++) {
            outside[i] = !inside[i];
        }
        Agreement in = compare(samples, wiener, var, inside);
        Agreement out = compare(samples, wiener, var, outside);
        assertTrue(in.agrees(0.04), "inside the mask: " + in);
        assertTrue(out.agrees(0.05), "in the masked regions: " + out);
    }

    @Test
    void samplesDoNotDependOnThreadsOrBatching() {
        Problem pr = problem(16, true, 4);
        TemperedPosterior post = new TemperedPosterior(pr.likelihood(), new GaussianPrior(pr.power()));
        PosteriorSampler sampler = new PosteriorSampler(post, pr.approximation(), new GeometricSchedule(0.5, 0.01, 5, 3, 3),
                MOVE, new ProbabilityFlow(3, 0));
        List<ChainResult> a = sampler.sample(pr.ksStart(), 11, "t", 0, 6, 4, 1, null);
        List<ChainResult> b = sampler.sample(pr.ksStart(), 11, "t", 0, 6, 1, 3, null);
        List<ChainResult> c = sampler.sample(pr.ksStart(), 11, "t", 3, 3, 2, 2, null);
        for (int i = 0; i < 6; i++) {
            assertArrayEquals(a.get(i).sample(), b.get(i).sample(), "chain " + i);
        }
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(a.get(3 + i).sample(), c.get(i).sample(), "chain " + (3 + i));
        }
        List<ChainResult> otherTile = sampler.sample(pr.ksStart(), 11, "u", 0, 1, 1, 1, null);
        assertFalse(java.util.Arrays.equals(a.get(0).sample(), otherTile.get(0).sample()));
    }

    @Test
    void aChainWithNonFiniteScoresStopsAndTheOthersFinish() {
        Problem pr = problem(16, false, 5);
        GaussianPrior good = new GaussianPrior(pr.power());
        ScoreFunction poisoned = new ScoreFunction() {
            int calls;

            @Override
            public int nx() {
                return 16;
            }

            @Override
            public int ny() {
                return 16;
            }

            @Override
            public synchronized void score(double[][] maps, double[] sigmas, double[][] out) {
                good.score(maps, sigmas, out);
                if (++calls == 10) {
                    out[1][5] = Double.NaN; // batch position 1 = chain 1
                }
            }
        };
        List<ChainResult> r = new PosteriorSampler(new TemperedPosterior(pr.likelihood(), poisoned), pr.approximation(),
                new GeometricSchedule(0.5, 0.01, 5, 3, 3), MOVE, ProbabilityFlow.NONE)
                .sample(pr.ksStart(), 1, "t", 0, 3, 3, 1, null);
        assertNotNull(r.get(0).sample());
        assertNull(r.get(1).sample());
        assertTrue(r.get(1).diagnostics().failure().contains("non-finite"), r.get(1).diagnostics().failure());
        assertNotNull(r.get(2).sample());
    }

    @Test
    void sigmaMinGivesTheRequestedStdInflation() {
        Problem pr = problem(32, false, 6);
        GaussianApproximation ap = pr.approximation();
        double s = ap.sigmaMin(0.01, 1.0);
        assertEquals(1.01, Math.sqrt(ap.pixelVariance(s) / ap.pixelVariance(0)), 1e-6);
        assertTrue(Math.sqrt(ap.pixelVariance(2 * s) / ap.pixelVariance(0)) > 1.02);
        // and it equals the closed form at sigma = 0 for an unmasked tile
        assertEquals(new DiagonalGaussianPosterior(pr.ks(), pr.power(), pr.noise()).pixelVariance(), ap.pixelVariance(0),
                1e-12 * ap.pixelVariance(0));
    }

    private static double[] scaled(PowerMap p, double f) {
        double[] a = p.toArray();
        for (int i = 1; i < a.length; i++) {
            a[i] *= f;
        }
        a[0] = 1;
        return a;
    }
}
