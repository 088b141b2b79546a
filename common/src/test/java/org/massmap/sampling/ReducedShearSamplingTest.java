package org.massmap.sampling;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.massmap.fft.Fft2;
import org.massmap.lensing.KaiserSquires;
import org.massmap.lensing.ShearLikelihood;
import org.massmap.lensing.ShearModel;
import org.massmap.prior.PowerMap;

/**
 * The annealed HMC sampler on a reduced-shear posterior, where no closed form exists: the default
 * schedule against a long reference run of the same sampler.
 *
 * <p>The target: a 16² tile, no mask, noise σ_n = 0.1, the {@link FourierMixturePrior} of
 * {@link NonGaussianPosteriorSamplingTest} scaled by 3 (per-pixel κ std 0.19, so that g = γ/(1 − κ)
 * differs from γ by about a third of the noise), and data g = γ/(1 − κ) + noise from a truth drawn
 * from that prior. Reduced shear couples the Fourier modes, so the comparison is per Fourier
 * coordinate u_j of the 224 kept by Kaiser-Squires, between two runs of K = {@value #CHAINS} chains
 * each (the same K, so that the statistics below are unbiased when the two distributions agree):
 * <ul>
 * <li>mean: Σ_j z_j/√M with z_j = (m̂_j − m̂_ref,j)/√((ŝ_j² + ŝ_ref,j²)/K);</li>
 * <li>per-coordinate means: (Σ_j z_j² − M)/√(2M);</li>
 * <li>std: Σ_j log(ŝ_j²/ŝ_ref,j²) / √(Σ_j 2(κ̂_j − 1)/K), κ̂_j the pooled kurtosis;</li>
 * <li>quantiles p = 5, 50, 95%: the fraction F_j of samples at or below the reference's r-th smallest
 *     value, r = round(p(K + 1)), whose expectation is exactly r/(K + 1) when the distributions agree
 *     (F(X_(r)) is Beta(r, K + 1 − r)), pooled over coordinates with its exact variance.</li>
 * </ul>
 * The coordinates are treated as independent (exact for shear, nearly so here). Every |z| must stay
 * below {@value #Z_MAX}. The reference runs 40 levels × 10 steps + 200 final iterations (5× the
 * default's 120 iterations). Two broken samplers must fail: one that ignores the reduced-shear
 * correction (samples the shear posterior of the same data) and a schedule far too short.
 */
@Tag("slow")
class ReducedShearSamplingTest {
    static final int SIZE = 16;
    static final double NOISE = 0.1;
    static final double SCALE = 3;
    static final GaussianMixture PRIOR = new GaussianMixture(new double[] {0.8, 0.2},
            new double[] {-0.025 * SCALE, 0.1 * SCALE}, new double[] {Math.pow(0.03 * SCALE, 2), Math.pow(0.06 * SCALE, 2)});
    static final int CHAINS = 192;
    static final double Z_MAX = 4;
    static final double SIGMA_MAX = 0.1;
    static final double SIGMA_MIN = 1e-3;
    static final HmcMove MOVE = new HmcMove(3, 0.5, 0.7, MassKind.FOURIER);

    record Problem(KaiserSquires ks, double[] gamma1, double[] gamma2, FourierMixturePrior prior, PowerMap power,
            int[] modes) {
        ShearLikelihood likelihood(ShearModel model) {
            double[] noise = new double[gamma1.length];
            boolean[] mask = new boolean[gamma1.length];
            Arrays.fill(noise, NOISE);
            Arrays.fill(mask, true);
            return new ShearLikelihood(ks, gamma1, gamma2, noise, mask, model);
        }

        double[] coordinates(double[] map) {
            double[] c = ks.fft().forwardReal(map);
            double a = prior.pairScale();
            double[] u = new double[2 * modes.length];
            for (int j = 0; j < modes.length; j++) {
                u[2 * j] = c[2 * modes[j]] / a;
                u[2 * j + 1] = c[2 * modes[j] + 1] / a;
            }
            return u;
        }
    }

    static Problem problem() {
        int n = SIZE * SIZE;
        KaiserSquires ks = new KaiserSquires(SIZE, SIZE);
        FourierMixturePrior prior = new FourierMixturePrior(SIZE, SIZE, PRIOR);
        SplittableRandom rng = new SplittableRandom(12);
        double[] kept = ks.keptModes();
        List<Integer> modes = new ArrayList<>();
        double a = prior.pairScale();
        double[] spectrum = new double[2 * n];
        for (int k = 1; k < n; k++) {
            int q = prior.partner(k);
            if (k < q) {
                spectrum[2 * k] = a * draw(rng);
                spectrum[2 * k + 1] = a * draw(rng);
                spectrum[2 * q] = spectrum[2 * k];
                spectrum[2 * q + 1] = -spectrum[2 * k + 1];
                if (kept[k] == 1) {
                    modes.add(k);
                }
            } else if (k == q) {
                spectrum[2 * k] = Math.sqrt(n) * draw(rng);
            }
        }
        new Fft2(SIZE, SIZE).inverse(spectrum);
        double[] truth = Fft2.real(spectrum);
        double[][] shear = ks.forward(truth, null);
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 2; c++) {
                shear[c][i] = shear[c][i] / (1 - truth[i]) + NOISE * rng.nextGaussian();
            }
        }
        double[] power = new double[n];
        Arrays.fill(power, PRIOR.centralMoment(2) + PRIOR.mean() * PRIOR.mean());
        return new Problem(ks, shear[0], shear[1], prior, PowerMap.of(SIZE, SIZE, power),
                modes.stream().mapToInt(Integer::intValue).toArray());
    }

    /** One draw from the prior mixture. */
    private static double draw(SplittableRandom rng) {
        int j = rng.nextDouble() < PRIOR.weights()[0] ? 0 : 1;
        return PRIOR.means()[j] + Math.sqrt(PRIOR.variances()[j]) * rng.nextGaussian();
    }

    /** Coordinates of the samples of K chains: [chain][coordinate]. */
    static double[][] run(Problem p, ShearModel model, Schedule schedule, long seed) {
        ShearLikelihood like = p.likelihood(model);
        PosteriorSampler sampler = new PosteriorSampler(new TemperedPosterior(like, p.prior()),
                new GaussianApproximation(like, p.power()), schedule, MOVE, ProbabilityFlow.NONE);
        double[] start = p.ks().inverse(p.gamma1(), p.gamma2())[0];
        List<ChainResult> results = sampler.sample(start, seed, "reduced", 0, CHAINS, 8, 2, null);
        double[][] u = new double[CHAINS][];
        double acceptance = 0;
        for (int c = 0; c < CHAINS; c++) {
            ChainResult r = results.get(c);
            assertTrue(r.sample() != null, "chain failed: " + r.diagnostics().failure());
            u[c] = p.coordinates(r.sample());
            acceptance += r.diagnostics().acceptanceRate() / CHAINS;
        }
        System.out.printf(Locale.ROOT, "%s, %s: acceptance %.3f, %d score evaluations per sample%n", model, schedule.describe(),
                acceptance, results.get(0).diagnostics().scoreEvaluations());
        return u;
    }

    /** The six z-scores of samples against reference samples (class Javadoc). */
    static double[] compare(double[][] samples, double[][] reference) {
        int k = samples.length;
        int m = samples[0].length;
        double sumZ = 0;
        double sumZ2 = 0;
        double logRatio = 0;
        double logRatioVar = 0;
        double[] probabilities = {0.05, 0.5, 0.95};
        double[] fraction = new double[3];
        double[] expected = new double[3];
        double[] variance = new double[3];
        for (int i = 0; i < 3; i++) {
            int r = (int) Math.round(probabilities[i] * (k + 1));
            double mu = r / (k + 1.0);
            double beta = mu * (1 - mu) / (k + 2.0); // Var of Beta(r, k + 1 − r)
            expected[i] = mu;
            variance[i] = (mu * (1 - mu) - beta) / k + beta;
        }
        double[] a = new double[k];
        double[] b = new double[k];
        for (int j = 0; j < m; j++) {
            for (int c = 0; c < k; c++) {
                a[c] = samples[c][j];
                b[c] = reference[c][j];
            }
            double ma = mean(a);
            double mb = mean(b);
            double va = variance(a, ma);
            double vb = variance(b, mb);
            double z = (ma - mb) / Math.sqrt((va + vb) / k);
            sumZ += z;
            sumZ2 += z * z;
            logRatio += Math.log(va / vb);
            double pooledMean = 0.5 * (ma + mb);
            double m2 = 0;
            double m4 = 0;
            for (int c = 0; c < k; c++) {
                for (double x : new double[] {a[c] - pooledMean, b[c] - pooledMean}) {
                    m2 += x * x / (2 * k);
                    m4 += x * x * x * x / (2 * k);
                }
            }
            logRatioVar += 2 * (m4 / (m2 * m2) - 1) / k;
            double[] sorted = b.clone();
            Arrays.sort(sorted);
            for (int i = 0; i < 3; i++) {
                double q = sorted[(int) Math.round(probabilities[i] * (k + 1)) - 1];
                int below = 0;
                for (double x : a) {
                    below += x <= q ? 1 : 0;
                }
                fraction[i] += (double) below / k / m;
            }
        }
        double[] zs = new double[6];
        zs[0] = sumZ / Math.sqrt(m);
        zs[1] = (sumZ2 - m) / Math.sqrt(2.0 * m);
        zs[2] = logRatio / Math.sqrt(logRatioVar);
        for (int i = 0; i < 3; i++) {
            zs[3 + i] = (fraction[i] - expected[i]) / Math.sqrt(variance[i] / m);
        }
        return zs;
    }

    static String describe(String label, double[] z) {
        return String.format(Locale.ROOT, "%s: z mean %+.1f, per-coordinate means %+.1f, std %+.1f, F05 %+.1f, F50 %+.1f, F95 %+.1f",
                label, z[0], z[1], z[2], z[3], z[4], z[5]);
    }

    static boolean agrees(double[] z) {
        return Arrays.stream(z).allMatch(v -> Math.abs(v) < Z_MAX);
    }

    @Test
    void defaultScheduleAgreesWithALongReferenceRunAndBrokenSamplersDoNot() {
        Problem p = problem();
        double[][] reference = run(p, ShearModel.REDUCED_SHEAR, new GeometricSchedule(SIGMA_MAX, SIGMA_MIN, 40, 10, 200), 101);
        double[] standard = compare(run(p, ShearModel.REDUCED_SHEAR, new GeometricSchedule(SIGMA_MAX, SIGMA_MIN, 20, 5, 20), 7),
                reference);
        double[] shearOnly = compare(run(p, ShearModel.SHEAR, new GeometricSchedule(SIGMA_MAX, SIGMA_MIN, 20, 5, 20), 7),
                reference);
        double[] tooShort = compare(run(p, ShearModel.REDUCED_SHEAR, new GeometricSchedule(SIGMA_MAX, SIGMA_MIN, 3, 1, 1), 7),
                reference);
        String report = String.join("\n", describe("default schedule", standard), describe("shear model", shearOnly),
                describe("3 levels × 1 step + 1 final", tooShort));
        System.out.println(report);
        assertTrue(agrees(standard), report);
        assertFalse(agrees(shearOnly), "ignoring reduced shear must fail: " + report);
        assertFalse(agrees(tooShort), "a schedule of 4 iterations must fail: " + report);
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    /** Unbiased sample variance. */
    private static double variance(double[] x, double mean) {
        double s = 0;
        for (double v : x) {
            s += (v - mean) * (v - mean);
        }
        return s / (x.length - 1);
    }
}
