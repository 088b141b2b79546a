package org.massmap.theory;

import java.util.function.DoubleUnaryOperator;

/** Test helper: natural cubic spline of ln y against ln x through tabulated points (x increasing, y > 0). */
final class LogLogSpline implements DoubleUnaryOperator {
    private final double[] u;
    private final double[] v;
    private final double[] m;

    LogLogSpline(double[] x, double[] y) {
        int n = x.length;
        u = new double[n];
        v = new double[n];
        for (int i = 0; i < n; i++) {
            u[i] = Math.log(x[i]);
            v[i] = Math.log(y[i]);
        }
        m = new double[n]; // second derivatives, natural end conditions, tridiagonal solve
        double[] c = new double[n];
        double[] d = new double[n];
        for (int i = 1; i < n - 1; i++) {
            double h0 = u[i] - u[i - 1];
            double h1 = u[i + 1] - u[i];
            double a = h0 / 6;
            double b = (h0 + h1) / 3;
            double cc = h1 / 6;
            double rhs = (v[i + 1] - v[i]) / h1 - (v[i] - v[i - 1]) / h0;
            double denom = b - a * c[i - 1];
            c[i] = cc / denom;
            d[i] = (rhs - a * d[i - 1]) / denom;
        }
        for (int i = n - 2; i >= 1; i--) {
            m[i] = d[i] - c[i] * m[i + 1];
        }
    }

    @Override
    public double applyAsDouble(double x) {
        double t = Math.log(x);
        int lo = 0;
        int hi = u.length - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (u[mid] > t) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        double h = u[hi] - u[lo];
        double a = (u[hi] - t) / h;
        double b = (t - u[lo]) / h;
        double s = a * v[lo] + b * v[hi] + ((a * a * a - a) * m[lo] + (b * b * b - b) * m[hi]) * h * h / 6;
        return Math.exp(s);
    }
}
