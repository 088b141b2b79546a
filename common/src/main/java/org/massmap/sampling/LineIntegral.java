package org.massmap.sampling;

import java.util.ArrayList;
import java.util.List;

/**
 * Δlog p between two maps from the score alone: ∫₀¹ s(a + t(b − a))·(b − a) dt for each chain of
 * a batch, given the scores at both ends. Used by the Metropolis-Hastings test of every HMC move
 * and by the adaptive schedule's level test. {@link #SIMPSON} is the sampler's rule; other rules
 * exist only in tests that show what a wrong Δlog p does.
 */
@FunctionalInterface
interface LineIntegral {

    /**
     * Simpson's rule on 4 sub-intervals; the end-point scores are given, so it costs 3 score
     * evaluations per chain (one batched call).
     */
    LineIntegral SIMPSON = LineIntegral::simpson;

    /**
     * @param a     start maps, one per chain
     * @param sa    scores at {@code a}
     * @param b     end maps
     * @param sb    scores at {@code b}
     * @param sigma each chain's σ
     * @return Δlog p = log p(b) − log p(a) per chain
     */
    double[] along(ScoreEvaluator scores, List<Chain> chains, double[][] a, double[][] sa, double[][] b, double[][] sb,
            double[] sigma);

    private static double[] simpson(ScoreEvaluator scores, List<Chain> chains, double[][] a, double[][] sa, double[][] b,
            double[][] sb, double[] sigma) {
        int m = chains.size();
        int n = scores.size();
        List<double[][]> points = new ArrayList<>();
        for (double t : new double[] {0.25, 0.5, 0.75}) {
            double[][] pts = new double[m][n];
            for (int c = 0; c < m; c++) {
                for (int i = 0; i < n; i++) {
                    pts[c][i] = a[c][i] + t * (b[c][i] - a[c][i]);
                }
            }
            points.add(pts);
        }
        double[][] s = scores.evaluate(chains, points, sigma);
        double[] result = new double[m];
        for (int c = 0; c < m; c++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                double d = b[c][i] - a[c][i];
                // (1/12)[s(0) + 4 s(1/4) + 2 s(1/2) + 4 s(3/4) + s(1)] · (b − a)
                sum += d * (sa[c][i] + 4 * s[c][i] + 2 * s[m + c][i] + 4 * s[2 * m + c][i] + sb[c][i]);
            }
            result[c] = sum / 12;
        }
        return result;
    }
}
