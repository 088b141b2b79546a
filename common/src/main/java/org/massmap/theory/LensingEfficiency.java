package org.massmap.theory;

import java.util.Arrays;

/**
 * Lensing efficiency of a source distribution at comoving distances χ (flat universe):
 *
 * <pre>
 *   q(χ) = ∫_χ^∞ dχ' n(χ') (χ' − χ)/χ'  =  ∫_{z(χ)}^∞ dz' n(z') [1 − χ/χ(z')],
 * </pre>
 *
 * with n normalised to unit integral, so q(0) = 1. For a source plane q(χ) = max(0, 1 − χ/χ_s).
 * Continuous distributions are integrated with 8-point Gauss-Legendre on each interval between the
 * density's knots, intervals being split to at most 0.02 in z. Stateless.
 */
public final class LensingEfficiency {
    private static final double MAX_SEGMENT = 0.02;

    private LensingEfficiency() {
    }

    /** q(χ_i) for each χ_i (Mpc/h, ascending or not). */
    public static double[] at(Background background, SourceDistribution sources, double[] chi) {
        double[] q = new double[chi.length];
        if (sources instanceof SourcePlane plane) {
            double chiS = background.comovingDistance(plane.redshift());
            for (int i = 0; i < chi.length; i++) {
                q[i] = Math.max(0, 1 - chi[i] / chiS); // q = (χ_s − χ)/χ_s
            }
            return q;
        }
        RedshiftDensity density = (RedshiftDensity) sources;
        double[] edges = refine(density.knots());
        int segments = edges.length - 1;
        // quadrature points of every whole segment, shared by all χ_i
        int m = GaussLegendre.ORDER;
        double[] nw = new double[segments * m];
        double[] invChi = new double[segments * m];
        for (int s = 0; s < segments; s++) {
            double[][] rule = GaussLegendre.rule(edges[s], edges[s + 1], 1);
            for (int j = 0; j < m; j++) {
                double z = rule[0][j];
                nw[s * m + j] = rule[1][j] * density.density(z);
                invChi[s * m + j] = 1 / background.comovingDistance(z);
            }
        }
        for (int i = 0; i < chi.length; i++) {
            double x = chi[i];
            double zi = background.redshiftAt(x);
            int first = Arrays.binarySearch(edges, zi);
            first = first >= 0 ? first : -first - 2; // segment containing zi (−1 if below the support)
            double sum = 0;
            if (first >= 0 && first < segments) { // partial segment [zi, edge]
                double[][] rule = GaussLegendre.rule(zi, edges[first + 1], 1);
                for (int j = 0; j < m; j++) {
                    double z = rule[0][j];
                    sum += rule[1][j] * density.density(z) * (1 - x / background.comovingDistance(z));
                }
            }
            for (int k = Math.max(0, first + 1) * m; k < segments * m; k++) {
                sum += nw[k] * (1 - x * invChi[k]); // n(z') [1 − χ/χ(z')] dz'
            }
            q[i] = Math.max(0, sum);
        }
        return q;
    }

    /** Knots with every interval split into equal parts of at most MAX_SEGMENT. */
    private static double[] refine(double[] knots) {
        double[] out = new double[16];
        int n = 0;
        for (int i = 0; i < knots.length - 1; i++) {
            int parts = Math.max(1, (int) Math.ceil((knots[i + 1] - knots[i]) / MAX_SEGMENT));
            for (int p = 0; p < parts; p++) {
                if (n == out.length) {
                    out = Arrays.copyOf(out, 2 * n);
                }
                out[n++] = knots[i] + (knots[i + 1] - knots[i]) * p / parts;
            }
        }
        out = Arrays.copyOf(out, n + 1);
        out[n] = knots[knots.length - 1];
        return out;
    }
}
