package org.massmap.sampling;

import java.util.Arrays;

/**
 * A 1-D Gaussian mixture p(u) = Σ_j w_j N(u; μ_j, v_j), the exact reference of the non-Gaussian
 * sampler test: its score, its convolution with N(0, s²) (each component's variance grows by s²),
 * its Bayes update by one Gaussian observation (again a mixture), moments, CDF and quantiles.
 * Immutable.
 */
final class GaussianMixture {
    private final double[] weights;
    private final double[] means;
    private final double[] variances;
    /** log w_j − ½ log v_j. */
    private final double[] logCoefficient;

    /** Weights are normalised to sum 1. */
    GaussianMixture(double[] weights, double[] means, double[] variances) {
        if (weights.length != means.length || weights.length != variances.length || weights.length == 0) {
            throw new IllegalArgumentException("one weight, mean and variance per component");
        }
        double total = Arrays.stream(weights).sum();
        this.weights = Arrays.stream(weights).map(w -> w / total).toArray();
        this.means = means.clone();
        this.variances = variances.clone();
        this.logCoefficient = new double[weights.length];
        for (int j = 0; j < weights.length; j++) {
            logCoefficient[j] = Math.log(this.weights[j]) - 0.5 * Math.log(variances[j]);
        }
    }

    double[] weights() {
        return weights.clone();
    }

    double[] means() {
        return means.clone();
    }

    double[] variances() {
        return variances.clone();
    }

    /** The mixture convolved with N(0, addedVariance). */
    GaussianMixture tempered(double addedVariance) {
        return new GaussianMixture(weights, means, Arrays.stream(variances).map(v -> v + addedVariance).toArray());
    }

    /** The posterior of u given one observation y ~ N(u, noiseVariance), with this mixture as prior. */
    GaussianMixture posterior(double y, double noiseVariance) {
        int n = weights.length;
        double[] logW = new double[n];
        double[] m = new double[n];
        double[] v = new double[n];
        for (int j = 0; j < n; j++) {
            double s = variances[j] + noiseVariance;
            logW[j] = Math.log(weights[j]) - 0.5 * Math.log(s) - 0.5 * (y - means[j]) * (y - means[j]) / s;
            v[j] = 1 / (1 / variances[j] + 1 / noiseVariance);
            m[j] = v[j] * (means[j] / variances[j] + y / noiseVariance);
        }
        double max = Arrays.stream(logW).max().orElseThrow();
        return new GaussianMixture(Arrays.stream(logW).map(l -> Math.exp(l - max)).toArray(), m, v);
    }

    /** d/du log p(u) = Σ_j r_j(u)·(μ_j − u)/v_j with responsibilities r_j ∝ w_j N(u; μ_j, v_j). */
    double score(double u) {
        int n = weights.length;
        double max = Double.NEGATIVE_INFINITY;
        double[] logTerm = new double[n];
        for (int j = 0; j < n; j++) {
            double d = u - means[j];
            logTerm[j] = logCoefficient[j] - 0.5 * d * d / variances[j];
            max = Math.max(max, logTerm[j]);
        }
        double num = 0;
        double den = 0;
        for (int j = 0; j < n; j++) {
            double r = logTerm[j] == max ? 1 : Math.exp(logTerm[j] - max);
            num += r * (means[j] - u) / variances[j];
            den += r;
        }
        return num / den;
    }

    double mean() {
        double m = 0;
        for (int j = 0; j < weights.length; j++) {
            m += weights[j] * means[j];
        }
        return m;
    }

    /** E[(u − mean)^k] for k = 2, 3 or 4. */
    double centralMoment(int k) {
        double mu = mean();
        double s = 0;
        for (int j = 0; j < weights.length; j++) {
            double d = means[j] - mu;
            double v = variances[j];
            s += weights[j] * switch (k) {
                case 2 -> d * d + v;
                case 3 -> d * d * d + 3 * d * v;
                case 4 -> d * d * d * d + 6 * d * d * v + 3 * v * v;
                default -> throw new IllegalArgumentException("moments 2 to 4 only");
            };
        }
        return s;
    }

    double std() {
        return Math.sqrt(centralMoment(2));
    }

    double cdf(double u) {
        double c = 0;
        for (int j = 0; j < weights.length; j++) {
            c += weights[j] * normalCdf((u - means[j]) / Math.sqrt(variances[j]));
        }
        return c;
    }

    /** The p-quantile, by bisection on the CDF to 1e-13 of the std. */
    double quantile(double p) {
        double lo = mean() - 40 * std();
        double hi = mean() + 40 * std();
        while (hi - lo > 1e-13 * std()) {
            double mid = 0.5 * (lo + hi);
            if (cdf(mid) < p) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    /** Φ(z), to about 1e-14 absolute (and relative in the lower tail). */
    static double normalCdf(double z) {
        return z < 0 ? 0.5 * erfc(-z / Math.sqrt(2)) : 1 - 0.5 * erfc(z / Math.sqrt(2));
    }

    /**
     * erfc(x) for x ≥ 0: below 3 from the series erf(x) = (2/√π) e^{−x²} Σ_n (2x²)^n x/(2n+1)!!
     * (all terms positive), above from the continued fraction
     * erfc(x) = e^{−x²}/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))).
     */
    static double erfc(double x) {
        if (x < 3) {
            double term = x;
            double sum = x;
            for (int n = 1; term > 1e-17 * sum; n++) {
                term *= 2 * x * x / (2 * n + 1);
                sum += term;
            }
            return 1 - 2 / Math.sqrt(Math.PI) * Math.exp(-x * x) * sum;
        }
        double t = x;
        for (int k = 120; k >= 1; k--) {
            t = x + 0.5 * k / t;
        }
        return Math.exp(-x * x) / (Math.sqrt(Math.PI) * t);
    }
}
