package org.massmap.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.massmap.fft.Fft2;
import org.massmap.lensing.KaiserSquires;
import org.massmap.lensing.ShearLikelihood;
import org.massmap.lensing.ShearModel;
import org.massmap.prior.GaussianPrior;
import org.massmap.prior.PowerMap;

/**
 * The annealed HMC sampler against a non-Gaussian posterior whose marginals are known exactly.
 *
 * <p>The target: a 16² tile, no mask, uniform noise σ_n = 0.1, shear (not reduced shear), and the
 * {@link FourierMixturePrior} whose every Fourier coordinate u (real or imaginary part of a mode,
 * scaled so that white pixel noise σ² adds σ² to its variance) is independently
 * 0.8 N(−0.025, 0.03²) + 0.2 N(0.1, 0.06²): a narrow core with a broad, offset shoulder. Then each
 * coordinate kept by Kaiser-Squires is observed once with noise σ_n, so its posterior is a 1-D
 * Gaussian mixture with exact weights, means and variances ({@link GaussianMixture#posterior}); the
 * data put the coordinates in four groups observed at y = −0.1, 0, 0.1 and 0.2, so every coordinate of
 * a group has the same exact posterior (skewness 1.06, 1.37, 0.93, 0.10) and the samples of its 56
 * coordinates pool. The posterior is far from Gaussian at the noise level: a Gaussian with the exact
 * mean and std puts 8–12% of its mass below the exact 5% quantile (y ≤ 0.1).
 *
 * <p>The check compares, per group, the pooled mean, the std (about the exact mean), and the
 * fraction of samples below the exact 5%, 50% and 95% quantiles with the exact values, in units of
 * their Monte-Carlo errors (exact too: var/n, (m₄/var² − 1)/n for the variance, p(1 − p)/n for a
 * fraction, n = chains × 56 independent values): 20 z-scores, all of which must stay below
 * {@value #Z_MAX}. With 192 chains of the default schedule the sampler passes; three broken samplers
 * must fail, and do: no Metropolis-Hastings test, a schedule far too short, and a line integral that
 * is exact only for Gaussian targets (the trapezoid rule).
 */
@org.massmap.testing.SlowTest
class NonGaussianPosteriorSamplingTest {
    static final int SIZE = 16;
    static final double NOISE = 0.1;
    static final GaussianMixture PRIOR = new GaussianMixture(new double[] {0.8, 0.2}, new double[] {-0.025, 0.1},
            new double[] {0.03 * 0.03, 0.06 * 0.06});
    /** Observed u of the coordinates of each group (coordinate j is in group j mod 4). */
    static final double[] DATA = {-0.1, 0, 0.1, 0.2};
    static final double[] PROBABILITIES = {0.05, 0.5, 0.95};
    static final double SIGMA_MAX = 0.1;
    static final double SIGMA_MIN = 1e-3;
    static final int CHAINS = 192;
    /** Largest |z| of an agreeing sampler: 20 z-scores of an exact sampler all stay below 4 with probability 99.9%. */
    static final double Z_MAX = 4;
    /** The default move and schedule (sampler.* in the configuration), with a fixed small σ_min. */
    static final HmcMove MOVE = new HmcMove(3, 0.5, 0.7, MassKind.FOURIER);
    static final Schedule DEFAULT = new GeometricSchedule(SIGMA_MAX, SIGMA_MIN, 20, 5, 20);

    /** The problem: likelihood, prior score, the half-plane modes kept by Kaiser-Squires, exact posteriors per group. */
    record Target(ShearLikelihood likelihood, PowerMap power, FourierMixturePrior prior, int[] modes, double[] start) {
        int coordinates() {
            return 2 * modes.length;
        }

        static int group(int coordinate) {
            return coordinate % DATA.length;
        }

        GaussianMixture exact(int group, double sigma) {
            return PRIOR.tempered(sigma * sigma).posterior(DATA[group], NOISE * NOISE + sigma * sigma);
        }

        /** The u of every coordinate (mode j: 2j real part, 2j + 1 imaginary part) of a map. */
        double[] coordinates(double[] map) {
            double[] c = likelihood.operator().fft().forwardReal(map);
            double a = prior.pairScale();
            double[] u = new double[coordinates()];
            for (int j = 0; j < modes.length; j++) {
                u[2 * j] = c[2 * modes[j]] / a;
                u[2 * j + 1] = c[2 * modes[j] + 1] / a;
            }
            return u;
        }
    }

    static Target target() {
        int n = SIZE * SIZE;
        KaiserSquires ks = new KaiserSquires(SIZE, SIZE);
        FourierMixturePrior prior = new FourierMixturePrior(SIZE, SIZE, PRIOR);
        double[] kept = ks.keptModes();
        List<Integer> modes = new ArrayList<>();
        for (int k = 1; k < n; k++) {
            if (kept[k] == 1 && k < prior.partner(k)) {
                modes.add(k);
            }
        }
        // the data: a real field whose kept coordinates are exactly DATA[group], sheared without noise
        double a = prior.pairScale();
        double[] spectrum = new double[2 * n];
        for (int j = 0; j < modes.size(); j++) {
            int k = modes.get(j);
            int q = prior.partner(k);
            spectrum[2 * k] = a * DATA[Target.group(2 * j)];
            spectrum[2 * k + 1] = a * DATA[Target.group(2 * j + 1)];
            spectrum[2 * q] = spectrum[2 * k];
            spectrum[2 * q + 1] = -spectrum[2 * k + 1];
        }
        new Fft2(SIZE, SIZE).inverse(spectrum);
        double[][] shear = ks.forward(Fft2.real(spectrum), null);
        double[] noise = new double[n];
        boolean[] mask = new boolean[n];
        Arrays.fill(noise, NOISE);
        Arrays.fill(mask, true);
        ShearLikelihood like = new ShearLikelihood(ks, shear[0], shear[1], noise, mask, ShearModel.SHEAR);
        // the Fourier mass uses the Gaussian with the prior's variance
        double[] power = new double[n];
        Arrays.fill(power, PRIOR.centralMoment(2) + PRIOR.mean() * PRIOR.mean());
        return new Target(like, PowerMap.of(SIZE, SIZE, power), prior, modes.stream().mapToInt(Integer::intValue).toArray(),
                ks.inverse(shear[0], shear[1])[0]);
    }

    /** The 20 z-scores (per group: mean, std, F(q05), F(q50), F(q95)) of samples against the exact posterior at σ. */
    record Agreement(double[][] z, String table) {
        double worst() {
            return Arrays.stream(z).flatMapToDouble(Arrays::stream).map(Math::abs).max().orElseThrow();
        }

        boolean agrees() {
            return worst() < Z_MAX;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "worst |z| %.1f%n%s", worst(), table);
        }
    }

    static Agreement compare(Target t, List<double[]> samples, double sigma) {
        int groups = DATA.length;
        double[] shift = new double[groups];
        double[] square = new double[groups];
        double[][] below = new double[groups][PROBABILITIES.length];
        double[] count = new double[groups];
        double[][] quantile = new double[groups][PROBABILITIES.length];
        for (int g = 0; g < groups; g++) {
            for (int i = 0; i < PROBABILITIES.length; i++) {
                quantile[g][i] = t.exact(g, sigma).quantile(PROBABILITIES[i]);
            }
        }
        for (double[] s : samples) {
            double[] u = t.coordinates(s);
            for (int j = 0; j < u.length; j++) {
                int g = Target.group(j);
                double d = u[j] - t.exact(g, sigma).mean();
                shift[g] += d;
                square[g] += d * d;
                count[g]++;
                for (int i = 0; i < PROBABILITIES.length; i++) {
                    below[g][i] += u[j] <= quantile[g][i] ? 1 : 0;
                }
            }
        }
        double[][] z = new double[groups][2 + PROBABILITIES.length];
        StringBuilder table = new StringBuilder("| y | mean (exact) | std (exact) | F(q05) | F(q50) | F(q95) | z: mean, std, F05, F50, F95 |\n");
        for (int g = 0; g < groups; g++) {
            GaussianMixture e = t.exact(g, sigma);
            double n = count[g];
            double var = e.centralMoment(2);
            double kurtosis = e.centralMoment(4) / (var * var);
            z[g][0] = shift[g] / n / Math.sqrt(var / n);
            z[g][1] = (square[g] / n / var - 1) / Math.sqrt((kurtosis - 1) / n);
            for (int i = 0; i < PROBABILITIES.length; i++) {
                double p = PROBABILITIES[i];
                z[g][2 + i] = (below[g][i] / n - p) / Math.sqrt(p * (1 - p) / n);
            }
            table.append(String.format(Locale.ROOT, "| %.1f | %.4f (%.4f) | %.4f (%.4f) | %.4f | %.4f | %.4f | %+.1f, %+.1f, %+.1f, %+.1f, %+.1f |%n",
                    DATA[g], e.mean() + shift[g] / n, e.mean(), Math.sqrt(square[g] / n), Math.sqrt(var), below[g][0] / n,
                    below[g][1] / n, below[g][2] / n, z[g][0], z[g][1], z[g][2], z[g][3], z[g][4]));
        }
        return new Agreement(z, table.toString());
    }

    static List<double[]> samples(Target t, AnnealedHmc sampler) {
        List<ChainResult> results = new PosteriorSampler(sampler).sample(t.start(), 3, "mixture", 0, CHAINS, 8, 2, null);
        List<double[]> out = new ArrayList<>();
        double acceptance = 0;
        for (ChainResult r : results) {
            assertTrue(r.sample() != null, "chain failed: " + r.diagnostics().failure());
            out.add(r.sample());
            acceptance += r.diagnostics().acceptanceRate() / results.size();
        }
        System.out.printf(Locale.ROOT, "acceptance %.3f, %d score evaluations per sample%n", acceptance,
                results.get(0).diagnostics().scoreEvaluations());
        return out;
    }

    static AnnealedHmc sampler(Target t, Schedule schedule, LineIntegral lineIntegral, boolean metropolisHastings) {
        return new AnnealedHmc(new TemperedPosterior(t.likelihood(), t.prior()), new GaussianApproximation(t.likelihood(),
                t.power()), schedule, MOVE, ProbabilityFlow.NONE, lineIntegral, metropolisHastings);
    }

    /** Δlog p by the trapezoid rule: exact when the score is linear (a Gaussian target), wrong otherwise. */
    static final LineIntegral TRAPEZOID = (scores, chains, a, sa, b, sb, sigma) -> {
        double[] r = new double[chains.size()];
        for (int c = 0; c < r.length; c++) {
            for (int i = 0; i < a[c].length; i++) {
                r[c] += 0.5 * (sa[c][i] + sb[c][i]) * (b[c][i] - a[c][i]);
            }
        }
        return r;
    };

    @Test
    void theTargetFactorisesIntoTheExactOneDimensionalPosteriors() {
        Target t = target();
        TemperedPosterior posterior = new TemperedPosterior(t.likelihood(), t.prior());
        SplittableRandom rng = new SplittableRandom(1);
        int n = SIZE * SIZE;
        for (double sigma : new double[] {0, 0.05}) {
            double[] kappa = new double[n];
            for (int i = 0; i < n; i++) {
                kappa[i] = 0.08 * rng.nextGaussian();
            }
            double[] score = new double[n];
            posterior.score(new double[][] {kappa}, new double[] {sigma}, new double[][] {score});
            // d log p / du = (2a/N)·FFT(s)_k for u = Re or Im FFT(κ)_k / a
            double[] dScore = t.coordinates(score);
            double[] u = t.coordinates(kappa);
            double a = t.prior().pairScale();
            for (int j = 0; j < u.length; j++) {
                int g = Target.group(j);
                double exact = PRIOR.tempered(sigma * sigma).score(u[j])
                        + (DATA[g] - u[j]) / (NOISE * NOISE + sigma * sigma);
                assertEquals(exact, dScore[j] * a * a * 2 / n, 1e-9 * Math.abs(exact) + 1e-9, "coordinate " + j);
            }
        }
        // a one-component mixture is the Gaussian prior with that power
        PowerMap power = PowerMap.of(SIZE, SIZE, filled(n, 0.004));
        FourierMixturePrior single = new FourierMixturePrior(SIZE, SIZE,
                new GaussianMixture(new double[] {1}, new double[] {0}, new double[] {0.004}));
        double[] kappa = new double[n];
        for (int i = 0; i < n; i++) {
            kappa[i] = 0.05 * rng.nextGaussian();
        }
        double[] expected = new GaussianPrior(power).score(kappa, 0.02);
        double[] actual = single.score(kappa, 0.02);
        for (int i = 0; i < n; i++) {
            assertEquals(expected[i], actual[i], 1e-9 * Math.abs(expected[i]) + 1e-12, "pixel " + i);
        }
    }

    @Test
    void theExactMarginalsAreRightAndFarFromGaussian() {
        assertEquals(0.9750021048517795, GaussianMixture.normalCdf(1.96), 1e-15);
        assertEquals(1.3498980316301e-3, GaussianMixture.normalCdf(-3), 1e-15);
        assertEquals(2.866515718791939e-7, GaussianMixture.normalCdf(-5), 1e-20);
        double perGroup = CHAINS * target().coordinates() / (double) DATA.length;
        for (int g = 0; g < DATA.length; g++) {
            GaussianMixture exact = PRIOR.posterior(DATA[g], NOISE * NOISE);
            // brute force: prior density × likelihood on a fine grid
            double lo = -0.5;
            double h = 1e-5;
            double norm = 0;
            double first = 0;
            double second = 0;
            double[] cumulative = new double[100_001];
            for (int i = 0; i < cumulative.length; i++) {
                double u = lo + i * h;
                double density = 0;
                for (int j = 0; j < 2; j++) {
                    double v = PRIOR.variances()[j];
                    density += PRIOR.weights()[j] * Math.exp(-0.5 * Math.pow(u - PRIOR.means()[j], 2) / v) / Math.sqrt(v);
                }
                density *= Math.exp(-0.5 * Math.pow(DATA[g] - u, 2) / (NOISE * NOISE));
                norm += density * h;
                first += u * density * h;
                second += u * u * density * h;
                cumulative[i] = norm;
            }
            double mean = first / norm;
            assertEquals(mean, exact.mean(), 1e-8);
            assertEquals(Math.sqrt(second / norm - mean * mean), exact.std(), 1e-8);
            for (double p : PROBABILITIES) {
                int i = 0;
                while (cumulative[i] < p * norm) {
                    i++;
                }
                assertEquals(lo + i * h, exact.quantile(p), 2 * h, "quantile " + p + " at y=" + DATA[g]);
            }
            // a Gaussian with the exact mean and std misses the exact 5% quantile by many Monte-Carlo errors
            double gaussianBelow = GaussianMixture.normalCdf((exact.quantile(0.05) - exact.mean()) / exact.std());
            double mcError = Math.sqrt(0.05 * 0.95 / perGroup);
            if (DATA[g] <= 0.1) {
                assertTrue(gaussianBelow - 0.05 > 10 * mcError, "y=" + DATA[g] + ": " + gaussianBelow);
            }
        }
    }

    @Test
    void samplerReproducesTheExactNonGaussianMarginals() {
        Target t = target();
        // σ_min = 1e-3 is far enough below every scale that the tempered target differs from σ = 0 by < 0.1 MC error
        Agreement tempered = compareExact(t, SIGMA_MIN);
        assertTrue(tempered.worst() < 0.1, "the sigma_min target itself: " + tempered);
        System.out.printf(Locale.ROOT, "sigma_min target against sigma = 0: worst abs(z) %.3f%n", tempered.worst());
        Agreement a = compare(t, samples(t, sampler(t, DEFAULT, LineIntegral.SIMPSON, true)), 0);
        System.out.println("default sampler: " + a);
        assertTrue(a.agrees(), a.toString());
    }

    @Test
    void withoutMetropolisHastingsTheCheckFails() {
        Target t = target();
        Agreement a = compare(t, samples(t, sampler(t, DEFAULT, LineIntegral.SIMPSON, false)), 0);
        System.out.println("no Metropolis-Hastings: " + a);
        assertFalse(a.agrees(), "every proposal accepted must fail the check: " + a);
    }

    @Test
    void aScheduleFarTooShortFailsTheCheck() {
        Target t = target();
        Agreement a = compare(t, samples(t, sampler(t, new GeometricSchedule(SIGMA_MAX, SIGMA_MIN, 3, 1, 1), LineIntegral.SIMPSON,
                true)), 0);
        System.out.println("3 levels × 1 step + 1 final: " + a);
        assertFalse(a.agrees(), "a schedule of 4 iterations must fail the check: " + a);
    }

    @Test
    void aLineIntegralThatIsOnlyRightForGaussiansFailsTheCheck() {
        Target t = target();
        Agreement a = compare(t, samples(t, sampler(t, DEFAULT, TRAPEZOID, true)), 0);
        System.out.println("trapezoid line integral: " + a);
        assertFalse(a.agrees(), "the trapezoid rule's Delta log p must fail the check: " + a);
    }

    /** The exact tempered posterior at σ as "samples": its z-scores against σ = 0 for CHAINS chains (deterministic). */
    static Agreement compareExact(Target t, double sigma) {
        double n = CHAINS * t.coordinates() / (double) DATA.length;
        double[][] z = new double[DATA.length][2 + PROBABILITIES.length];
        for (int g = 0; g < DATA.length; g++) {
            GaussianMixture at = t.exact(g, sigma);
            GaussianMixture zero = t.exact(g, 0);
            double var = zero.centralMoment(2);
            double kurtosis = zero.centralMoment(4) / (var * var);
            double shift = at.mean() - zero.mean();
            z[g][0] = shift / Math.sqrt(var / n);
            z[g][1] = ((at.centralMoment(2) + shift * shift) / var - 1) / Math.sqrt((kurtosis - 1) / n);
            for (int i = 0; i < PROBABILITIES.length; i++) {
                double p = PROBABILITIES[i];
                z[g][2 + i] = (at.cdf(zero.quantile(p)) - p) / Math.sqrt(p * (1 - p) / n);
            }
        }
        return new Agreement(z, Arrays.deepToString(z));
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }
}
