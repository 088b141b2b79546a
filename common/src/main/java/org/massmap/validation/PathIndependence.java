package org.massmap.validation;

import org.massmap.sampling.ScoreFunction;

/**
 * How far a score field is from a gradient field, as the sampler sees it: the Metropolis-Hastings
 * test of every HMC move takes Δlog p from the score by Simpson's rule along the straight move
 * (Remy et al. 2020, section 3), which defines a target only if the integral does not depend on the
 * path. Around a closed triangle x → x + a → x + a + b → x the three legs' integrals sum to zero for a
 * gradient field (up to Simpson's O(h⁵) error); a learned score with a curl leaves a loop integral of
 * the order of the curl times the triangle's area. Reported relative to the sum of the legs'
 * absolute values, so 0 is a gradient field and values near 1 mean Δlog p is meaningless at that
 * step size.
 */
public final class PathIndependence {

    /**
     * One closed triangle.
     *
     * @param loop  Σ of the three Simpson leg integrals (0 for a gradient field)
     * @param scale Σ of their absolute values
     */
    public record Loop(double loop, double scale) {
        /** |loop| / scale (0 when the legs are all 0). */
        public double relative() {
            return scale == 0 ? 0 : Math.abs(loop) / scale;
        }
    }

    private PathIndependence() {
    }

    /**
     * The loop integral of {@code score} at noise level {@code sigma} around x → x + a → x + a + b → x,
     * each leg by Simpson's rule on 4 sub-intervals as in the sampler (13 score evaluations in one batch).
     */
    public static Loop around(ScoreFunction score, double[] x, double sigma, double[] a, double[] b) {
        int n = x.length;
        if (a.length != n || b.length != n) {
            throw new IllegalArgumentException("the triangle's sides need " + n + " pixels, got " + a.length + " and " + b.length);
        }
        double[][] corners = {x, add(x, a, 1), add(add(x, a, 1), b, 1)};
        double[][] legs = {a, b, add(scaled(a, -1), b, -1)};
        double[] ts = {0, 0.25, 0.5, 0.75};
        double[][] maps = new double[12][];
        for (int leg = 0; leg < 3; leg++) {
            for (int k = 0; k < 4; k++) {
                maps[4 * leg + k] = add(corners[leg], legs[leg], ts[k]);
            }
        }
        double[] sigmas = new double[maps.length];
        java.util.Arrays.fill(sigmas, sigma);
        double[][] s = new double[maps.length][n];
        score.score(maps, sigmas, s);
        double loop = 0;
        double scale = 0;
        double[] weights = {1, 4, 2, 4};
        for (int leg = 0; leg < 3; leg++) {
            double sum = 0;
            double[] end = s[4 * ((leg + 1) % 3)]; // the next corner's score closes this leg (weight 1)
            for (int i = 0; i < n; i++) {
                double integrand = end[i];
                for (int k = 0; k < 4; k++) {
                    integrand += weights[k] * s[4 * leg + k][i];
                }
                sum += legs[leg][i] * integrand;
            }
            sum /= 12;
            loop += sum;
            scale += Math.abs(sum);
        }
        return new Loop(loop, scale);
    }

    private static double[] add(double[] x, double[] d, double t) {
        double[] r = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            r[i] = x[i] + t * d[i];
        }
        return r;
    }

    private static double[] scaled(double[] x, double t) {
        double[] r = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            r[i] = t * x[i];
        }
        return r;
    }
}
