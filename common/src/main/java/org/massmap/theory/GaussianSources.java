package org.massmap.theory;

/**
 * Gaussian source distribution n(z) ∝ exp(−(z − μ)²/(2σ²)) on max(0, μ − 8σ) ≤ z ≤ μ + 8σ, normalised
 * numerically over that support (so truncation at z = 0 is accounted for). μ is the centre of the
 * untruncated Gaussian. Immutable.
 */
public final class GaussianSources implements SourceDistribution, RedshiftDensity {
    private static final double HALF_WIDTH = 8;

    private final double mean;
    private final double sigma;
    private final double[] knots;
    private final double norm;

    GaussianSources(double mean, double sigma) {
        if (!(mean > 0 && Double.isFinite(mean))) {
            throw new IllegalArgumentException("Gaussian n(z) mean = " + mean + " must be finite and > 0");
        }
        if (!(sigma > 0 && Double.isFinite(sigma))) {
            throw new IllegalArgumentException("Gaussian n(z) sigma = " + sigma + " must be finite and > 0");
        }
        if (mean + HALF_WIDTH * sigma > Background.MAX_REDSHIFT) {
            throw new IllegalArgumentException("Gaussian n(z) mean + 8 sigma = " + (mean + HALF_WIDTH * sigma)
                    + " exceeds the supported redshift range (z <= " + Background.MAX_REDSHIFT + ")");
        }
        this.mean = mean;
        this.sigma = sigma;
        double lo = Math.max(0, mean - HALF_WIDTH * sigma);
        double hi = mean + HALF_WIDTH * sigma;
        int segments = (int) Math.ceil((hi - lo) / (0.25 * sigma));
        knots = new double[segments + 1];
        for (int i = 0; i <= segments; i++) {
            knots[i] = lo + (hi - lo) * i / segments;
        }
        norm = GaussLegendre.integrate(this::unnormalised, lo, hi, segments);
    }

    public double mean() {
        return mean;
    }

    public double sigma() {
        return sigma;
    }

    @Override
    public double density(double z) {
        return z < knots[0] || z > knots[knots.length - 1] ? 0 : unnormalised(z) / norm;
    }

    @Override
    public double[] knots() {
        return knots.clone();
    }

    @Override
    public double maxRedshift() {
        return knots[knots.length - 1];
    }

    @Override
    public String describe() {
        return "gaussian:" + mean + "," + sigma;
    }

    private double unnormalised(double z) {
        double u = (z - mean) / sigma;
        return Math.exp(-0.5 * u * u);
    }
}
