package org.massmap.sampling;

import java.util.List;

/**
 * Batched score evaluations for a lockstep batch of chains: one call of the tempered posterior
 * score for several groups of maps (each group one map per chain), which counts every chain's
 * evaluations and fails a chain whose map or score is not finite; and the batch's line integral.
 * Stateless apart from the chains it is handed.
 */
final class ScoreEvaluator {
    private final TemperedPosterior posterior;
    private final LineIntegral lineIntegral;

    ScoreEvaluator(TemperedPosterior posterior, LineIntegral lineIntegral) {
        this.posterior = posterior;
        this.lineIntegral = lineIntegral;
    }

    /** Pixels per map. */
    int size() {
        return posterior.size();
    }

    /**
     * Scores of {@code groups} (group g holds one map per chain, in chain order) at the given σ
     * (entry k belongs to map k of the flattened group-major order; shorter arrays repeat). Returns
     * the scores in the same group-major order.
     */
    double[][] evaluate(List<Chain> chains, List<double[][]> groups, double[] sigmas) {
        int m = chains.size();
        int total = m * groups.size();
        double[][] maps = new double[total][];
        double[][] out = new double[total][size()];
        double[] sig = new double[total];
        for (int g = 0; g < groups.size(); g++) {
            for (int c = 0; c < m; c++) {
                maps[g * m + c] = groups.get(g)[c];
                sig[g * m + c] = sigmas[(g * m + c) % sigmas.length];
            }
        }
        posterior.score(maps, sig, out);
        for (int k = 0; k < total; k++) {
            Chain ch = chains.get(k % m);
            ch.evaluations++;
            if (ch.phase != Chain.Phase.FAILED && !(allFinite(out[k]) && allFinite(maps[k]))) {
                ch.fail("non-finite state or score at sigma=" + sig[k] + ", iteration " + ch.iterations);
            }
        }
        return out;
    }

    /** Recomputes the cached score of chains whose σ changed. */
    void refresh(List<Chain> chains) {
        if (chains.isEmpty()) {
            return;
        }
        double[][] xs = new double[chains.size()][];
        for (int c = 0; c < xs.length; c++) {
            xs[c] = chains.get(c).x;
        }
        double[][] s = evaluate(chains, List.<double[][]>of(xs), sigmas(chains));
        for (int c = 0; c < chains.size(); c++) {
            chains.get(c).grad = s[c];
        }
    }

    /** Δlog p from a to b for each chain, given the scores at both ends ({@link LineIntegral}). */
    double[] lineIntegral(List<Chain> chains, double[][] a, double[][] sa, double[][] b, double[][] sb, double[] sigmas) {
        return lineIntegral.along(this, chains, a, sa, b, sb, sigmas);
    }

    /** Each chain's current σ. */
    static double[] sigmas(List<Chain> chains) {
        double[] s = new double[chains.size()];
        for (int c = 0; c < s.length; c++) {
            s[c] = chains.get(c).sigma;
        }
        return s;
    }

    private static boolean allFinite(double[] a) {
        for (double v : a) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
