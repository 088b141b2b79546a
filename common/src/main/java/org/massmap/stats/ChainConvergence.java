package org.massmap.stats;

import java.util.Arrays;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Convergence diagnostics of several Markov chains targeting the same distribution, for one scalar
 * (a pixel value, a smoothed κ, a band power): the rank-normalised split-R̂ and the bulk effective
 * sample size of Vehtari, Gelman, Simpson, Carpenter &amp; Bürkner (2021, Bayesian Analysis 16, 667),
 * the diagnostics of Stan.
 *
 * <p>Each chain is split in halves (a chain that drifts then disagrees with itself); all draws are
 * replaced by their normal scores z = Φ⁻¹((r − 3/8)/(S + 1/4)) of their ranks r among all S draws (so
 * heavy tails do not hide disagreement). R̂ = √(var⁺/W), var⁺ = (n−1)/n·W + B/n, with W the mean
 * within-chain variance and B/n the variance of the chain means; the reported R̂ is the larger of
 * that of the normal scores and that of the folded draws |x − median| (which sees chains that differ
 * in scale). The ESS is M·n/τ with the integrated autocorrelation time τ = −1 + 2 Σ P_k, P_k the
 * sums of consecutive autocorrelation pairs of the combined chains, cut at the first negative pair
 * and made monotone (Geyer's initial monotone sequence). R̂ ≲ 1.01 and an ESS of a few hundred are
 * the usual bars. Input: {@code draws[chain][iteration]}, at least 2 chains of at least 4 draws
 * each, all of the same length.
 */
public final class ChainConvergence {
    private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);

    private ChainConvergence() {
    }

    /** Rank-normalised split-R̂: the larger of the bulk (normal scores) and folded-draw values. */
    public static double splitRhat(double[][] draws) {
        double[][] split = split(draws);
        return Math.max(rhat(normalScores(split)), rhat(normalScores(folded(split))));
    }

    /** Bulk effective sample size: of the rank-normalised split chains, at most M·n·log10(M·n). */
    public static double bulkEffectiveSampleSize(double[][] draws) {
        return effectiveSampleSize(normalScores(split(draws)));
    }

    /** Split-R̂ of the draws themselves (no rank normalisation): Gelman et al., Bayesian Data Analysis, 3rd ed., eq. 11.4. */
    static double rhat(double[][] chains) {
        int m = chains.length;
        int n = chains[0].length;
        double[] means = new double[m];
        double w = 0;
        for (int c = 0; c < m; c++) {
            means[c] = mean(chains[c]);
            w += variance(chains[c], means[c]);
        }
        w /= m;
        double bOverN = variance(means, mean(means));
        if (w == 0) {
            return bOverN == 0 ? 1 : Double.POSITIVE_INFINITY;
        }
        double varPlus = (n - 1.0) / n * w + bOverN;
        return Math.sqrt(varPlus / w);
    }

    /** ESS of the given chains (already split and normalised as wanted). */
    static double effectiveSampleSize(double[][] chains) {
        int m = chains.length;
        int n = chains[0].length;
        double[][] acov = new double[m][];
        double[] means = new double[m];
        double w = 0;
        for (int c = 0; c < m; c++) {
            means[c] = mean(chains[c]);
            acov[c] = autocovariance(chains[c], means[c]);
            w += acov[c][0] * n / (n - 1.0);
        }
        w /= m;
        double varPlus = (n - 1.0) / n * w + (m > 1 ? variance(means, mean(means)) : 0);
        if (!(varPlus > 0)) {
            return m * n;
        }
        double[] rho = new double[n];
        for (int t = 0; t < n; t++) {
            double meanAcov = 0;
            for (int c = 0; c < m; c++) {
                meanAcov += acov[c][t];
            }
            meanAcov /= m;
            rho[t] = t == 0 ? 1 : 1 - (w - meanAcov) / varPlus;
        }
        double tau = -1;
        double previous = Double.POSITIVE_INFINITY;
        for (int k = 0; 2 * k + 1 < n; k++) {
            double pair = rho[2 * k] + rho[2 * k + 1];
            if (pair < 0) {
                break;
            }
            pair = Math.min(pair, previous); // initial monotone sequence
            previous = pair;
            tau += 2 * pair;
        }
        double total = (double) m * n;
        return Math.min(total / Math.max(tau, 1.0 / Math.log10(total)), total * Math.log10(total));
    }

    /** Each chain's first and second halves as separate chains (the middle draw of an odd chain dropped). */
    static double[][] split(double[][] draws) {
        if (draws.length < 2) {
            throw new IllegalArgumentException("convergence diagnostics need at least 2 chains, got " + draws.length);
        }
        int n = draws[0].length;
        for (double[] d : draws) {
            if (d.length != n) {
                throw new IllegalArgumentException("chains differ in length: " + n + " and " + d.length + " draws");
            }
            for (double v : d) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("a draw is not finite: " + v);
                }
            }
        }
        if (n < 4) {
            throw new IllegalArgumentException("convergence diagnostics need at least 4 draws per chain, got " + n);
        }
        int half = n / 2;
        double[][] out = new double[2 * draws.length][];
        for (int c = 0; c < draws.length; c++) {
            out[2 * c] = Arrays.copyOfRange(draws[c], 0, half);
            out[2 * c + 1] = Arrays.copyOfRange(draws[c], n - half, n);
        }
        return out;
    }

    /** Normal scores of the ranks among all draws (average ranks for ties). */
    static double[][] normalScores(double[][] chains) {
        int m = chains.length;
        int n = chains[0].length;
        int total = m * n;
        double[] all = new double[total];
        for (int c = 0; c < m; c++) {
            System.arraycopy(chains[c], 0, all, c * n, n);
        }
        Integer[] order = new Integer[total];
        for (int i = 0; i < total; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(all[a], all[b]));
        double[] rank = new double[total];
        for (int i = 0; i < total; ) {
            int j = i;
            while (j + 1 < total && all[order[j + 1]] == all[order[i]]) {
                j++;
            }
            double r = (i + j) / 2.0 + 1; // 1-based average rank of a tie group
            for (int k = i; k <= j; k++) {
                rank[order[k]] = r;
            }
            i = j + 1;
        }
        double[][] z = new double[m][n];
        for (int c = 0; c < m; c++) {
            for (int i = 0; i < n; i++) {
                z[c][i] = NORMAL.inverseCumulativeProbability((rank[c * n + i] - 0.375) / (total + 0.25));
            }
        }
        return z;
    }

    /** |x − median of all draws|. */
    static double[][] folded(double[][] chains) {
        double[] all = Arrays.stream(chains).flatMapToDouble(Arrays::stream).sorted().toArray();
        int k = all.length;
        double median = k % 2 == 1 ? all[k / 2] : 0.5 * (all[k / 2 - 1] + all[k / 2]);
        double[][] out = new double[chains.length][];
        for (int c = 0; c < chains.length; c++) {
            out[c] = Arrays.stream(chains[c]).map(v -> Math.abs(v - median)).toArray();
        }
        return out;
    }

    /** Biased autocovariance (divided by n) at lags 0 … n−1. */
    private static double[] autocovariance(double[] x, double mean) {
        int n = x.length;
        double[] acov = new double[n];
        for (int t = 0; t < n; t++) {
            double s = 0;
            for (int i = 0; i + t < n; i++) {
                s += (x[i] - mean) * (x[i + t] - mean);
            }
            acov[t] = s / n;
        }
        return acov;
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
