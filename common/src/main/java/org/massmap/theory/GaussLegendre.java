package org.massmap.theory;

import java.util.function.DoubleUnaryOperator;

/**
 * Composite 8-point Gauss-Legendre quadrature: [a, b] split into equal panels, each integrated
 * exactly for polynomials of degree ≤ 15. Nodes and weights are computed once by Newton iteration
 * on the Legendre polynomial P_8. Stateless.
 */
final class GaussLegendre {
    /** Points per panel. */
    static final int ORDER = 8;
    private static final double[] NODES = new double[ORDER];
    private static final double[] WEIGHTS = new double[ORDER];

    static {
        for (int i = 0; i < ORDER; i++) {
            double x = Math.cos(Math.PI * (i + 0.75) / (ORDER + 0.5)); // initial guess for the i-th root
            double dp = 0;
            for (int iter = 0; iter < 100; iter++) {
                double p0 = 1;
                double p1 = x;
                for (int n = 2; n <= ORDER; n++) { // n P_n = (2n−1) x P_{n−1} − (n−1) P_{n−2}
                    double p2 = ((2 * n - 1) * x * p1 - (n - 1) * p0) / n;
                    p0 = p1;
                    p1 = p2;
                }
                dp = ORDER * (x * p1 - p0) / (x * x - 1); // P_n' = n (x P_n − P_{n−1})/(x² − 1)
                double dx = p1 / dp;
                x -= dx;
                if (Math.abs(dx) < 1e-16) {
                    break;
                }
            }
            NODES[i] = x;
            WEIGHTS[i] = 2 / ((1 - x * x) * dp * dp); // w_i = 2/((1 − x_i²) P_n'(x_i)²)
        }
    }

    private GaussLegendre() {
    }

    /** ∫_a^b f(x) dx with the given number of equal panels. */
    static double integrate(DoubleUnaryOperator f, double a, double b, int panels) {
        double width = (b - a) / panels;
        double sum = 0;
        for (int p = 0; p < panels; p++) {
            double mid = a + (p + 0.5) * width;
            for (int i = 0; i < ORDER; i++) {
                sum += WEIGHTS[i] * f.applyAsDouble(mid + 0.5 * width * NODES[i]);
            }
        }
        return sum * 0.5 * width;
    }

    /** Nodes {x_j} and weights {w_j} of the composite rule, ∫_a^b f ≈ Σ w_j f(x_j), in increasing x. */
    static double[][] rule(double a, double b, int panels) {
        double width = (b - a) / panels;
        double[] x = new double[panels * ORDER];
        double[] w = new double[panels * ORDER];
        for (int p = 0; p < panels; p++) {
            double mid = a + (p + 0.5) * width;
            for (int i = 0; i < ORDER; i++) {
                int j = p * ORDER + (ORDER - 1 - i); // roots come in decreasing order
                x[j] = mid + 0.5 * width * NODES[i];
                w[j] = 0.5 * width * WEIGHTS[i];
            }
        }
        return new double[][] {x, w};
    }
}
