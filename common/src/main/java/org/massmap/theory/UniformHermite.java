package org.massmap.theory;

/**
 * Cubic Hermite interpolation of a function tabulated with its exact derivative on a uniform grid
 * x_i = x0 + i·step (error O(step⁴)). Immutable; arrays are owned by the instance.
 */
final class UniformHermite {
    private final double x0;
    private final double step;
    private final double[] y;
    private final double[] dy;

    UniformHermite(double x0, double step, double[] y, double[] dy) {
        this.x0 = x0;
        this.step = step;
        this.y = y;
        this.dy = dy;
    }

    double xMin() {
        return x0;
    }

    double xMax() {
        return x0 + (y.length - 1) * step;
    }

    double value(double x) {
        int i = cell(x);
        double t = (x - (x0 + i * step)) / step;
        double t2 = t * t;
        double t3 = t2 * t;
        return (2 * t3 - 3 * t2 + 1) * y[i] + (t3 - 2 * t2 + t) * step * dy[i]
                + (-2 * t3 + 3 * t2) * y[i + 1] + (t3 - t2) * step * dy[i + 1];
    }

    double derivative(double x) {
        int i = cell(x);
        double t = (x - (x0 + i * step)) / step;
        double t2 = t * t;
        return ((6 * t2 - 6 * t) * y[i] + (-6 * t2 + 6 * t) * y[i + 1]) / step
                + (3 * t2 - 4 * t + 1) * dy[i] + (3 * t2 - 2 * t) * dy[i + 1];
    }

    private int cell(double x) {
        int i = (int) Math.floor((x - x0) / step);
        return Math.max(0, Math.min(y.length - 2, i));
    }
}
