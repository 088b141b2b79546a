package org.massmap.theory;

import java.util.function.DoubleUnaryOperator;

/**
 * Linear matter power spectrum P_lin(k, z) = A k^ns T²(k) D(z)², normalised so that the r.m.s.
 * linear density contrast in top-hat spheres of radius 8 Mpc/h at z = 0 equals σ8.
 *
 * <p>σ²(R) = ∫ d ln k Δ²(k) W²(kR), Δ²(k) = k³P(k)/(2π²), W(x) = 3(sin x − x cos x)/x³; the
 * integral runs over 10⁻⁵ ≤ k ≤ 200/R h/Mpc with composite 8-point Gauss-Legendre panels of width
 * 0.02 in ln k (relative accuracy better than 10⁻⁶). D(z) is the ODE growth factor normalised to
 * D(0) = 1. k in h/Mpc, P in (Mpc/h)³. Immutable and thread-safe.
 */
public final class LinearPower implements MatterPower {
    private static final double K_MIN = 1e-5;
    private static final double PANEL_WIDTH = 0.02;

    private final CosmologyParams params;
    private final TransferFunction transferFunction;
    private final DoubleUnaryOperator transfer;
    private final GrowthFactor growth;
    private final double amplitude;

    public LinearPower(CosmologyParams params, TransferFunction transferFunction, GrowthFactor growth) {
        this.params = params;
        this.transferFunction = transferFunction;
        this.transfer = transferFunction.create(params);
        this.growth = growth;
        double unnormalised = sigmaSquared(8, 1);
        this.amplitude = params.sigma8() * params.sigma8() / unnormalised;
    }

    /** Convenience: builds the background and growth factor for {@code params}. */
    public static LinearPower of(CosmologyParams params, TransferFunction transferFunction) {
        return new LinearPower(params, transferFunction, new GrowthFactor(new Background(params)));
    }

    @Override
    public double power(double k, double z) {
        double d = growth.growth(z);
        return powerToday(k) * d * d;
    }

    @Override
    public DoubleUnaryOperator atRedshift(double z) {
        double d2 = Math.pow(growth.growth(z), 2);
        return k -> powerToday(k) * d2;
    }

    /** P_lin(k, z = 0) in (Mpc/h)³, k &gt; 0 in h/Mpc. */
    public double powerToday(double k) {
        if (!(k > 0 && Double.isFinite(k))) {
            throw new IllegalArgumentException("wavenumber k = " + k + " h/Mpc must be finite and > 0");
        }
        return amplitude * shape(k);
    }

    /** r.m.s. linear density contrast in top-hat spheres of radius R (Mpc/h) at redshift z. */
    public double sigma(double radius, double z) {
        if (!(radius > 0 && Double.isFinite(radius))) {
            throw new IllegalArgumentException("top-hat radius R = " + radius + " Mpc/h must be finite and > 0");
        }
        return Math.sqrt(sigmaSquared(radius, amplitude)) * growth.growth(z);
    }

    public CosmologyParams params() {
        return params;
    }

    public TransferFunction transferFunction() {
        return transferFunction;
    }

    public GrowthFactor growth() {
        return growth;
    }

    /** k^ns T²(k), unnormalised. */
    private double shape(double k) {
        double t = transfer.applyAsDouble(k);
        return Math.pow(k, params.ns()) * t * t;
    }

    private double sigmaSquared(double radius, double amp) {
        double lnKMin = Math.log(K_MIN);
        double lnKMax = Math.log(200 / radius);
        int panels = (int) Math.ceil((lnKMax - lnKMin) / PANEL_WIDTH);
        return GaussLegendre.integrate(lnK -> {
            double k = Math.exp(lnK);
            double w = topHat(k * radius);
            return amp * shape(k) * k * k * k / (2 * Math.PI * Math.PI) * w * w; // Δ²(k) W²(kR)
        }, lnKMin, lnKMax, panels);
    }

    /** Fourier transform of a spherical top hat, W(x) = 3(sin x − x cos x)/x³. */
    static double topHat(double x) {
        if (x < 1e-2) {
            double x2 = x * x;
            return 1 - x2 / 10 + x2 * x2 / 280; // series, avoids cancellation
        }
        return 3 * (Math.sin(x) - x * Math.cos(x)) / (x * x * x);
    }
}
