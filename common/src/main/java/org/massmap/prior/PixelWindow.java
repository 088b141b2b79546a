package org.massmap.prior;

import java.util.function.DoubleUnaryOperator;

/**
 * The power of a pixel-averaged field on a periodic grid. A pixel value is the average of the
 * continuous convergence over the pixel's square (binned shear is a pixel average of the galaxies'
 * shear, and the Kaiser-Squires relation is linear), so its per-mode power is the theory C_ℓ times
 * the square pixel's window, aliased onto the grid's frequencies:
 *
 * <pre>
 *   P[k] = Σ_{n ∈ {−N..N}²} C_ℓ(2π|k + n|/Δ) · sinc²(π(k_x + n_x)) · sinc²(π(k_y + n_y)) / Δ²,
 * </pre>
 *
 * k in cycles per pixel (numpy fftfreq), sinc x = sin x / x, Δ the pixel side in radians, N =
 * {@link #ALIAS_ORDER}. At k → 0 the window tends to 1 and P to C_ℓ/Δ²; on the k_x = 0 axis the
 * n_x ≠ 0 aliases vanish (sinc(π n) = 0), and at the Nyquist frequency the two images ±½ each
 * carry sinc²(π/2) = 4/π² ≈ 0.405.
 *
 * <p>Truncation: the omitted images |n_x| or |n_y| &gt; N have window ≤ 1/(π(N + ½))² per axis and
 * C_ℓ falling with ℓ; for the default Halofit C_ℓ (sources at z = 1) the relative change of any
 * P[k] from N = 3 to N = 8 is at most 1.3×10⁻³ at 1′ and 1.2×10⁻³ at 0.29′ (N = 2: 4.1×10⁻³),
 * measured by {@code PixelWindowTest}. C_ℓ is evaluated up to the corner image,
 * ℓ = 2π√2(N + ½)/Δ: 1.07×10⁵ at 1′, 3.7×10⁵ at 0.29′. Stateless.
 */
public final class PixelWindow {
    /** Aliases summed per axis on each side, N. */
    public static final int ALIAS_ORDER = 3;

    private PixelWindow() {
    }

    /** sin(x)/x, 1 at 0. */
    static double sinc(double x) {
        return Math.abs(x) < 1e-8 ? 1 : Math.sin(x) / x;
    }

    /** The square pixel's transfer sinc(πk_x)·sinc(πk_y) at (k_x, k_y) in cycles per pixel. */
    public static double window(double kx, double ky) {
        return sinc(Math.PI * kx) * sinc(Math.PI * ky);
    }

    /** The largest multipole at which {@link #power} evaluates C_ℓ, for pixel side Δ (radians). */
    public static double maxEll(double pixelRad, int order) {
        return 2 * Math.PI * Math.sqrt(2) * (order + 0.5) / pixelRad; // |k + n| at k = (½, ½), n = (N, N)
    }

    /**
     * P·Δ² at one frequency with N = {@link #ALIAS_ORDER}: the aliased, pixel-windowed C_ℓ
     * (dimensionless, like C_ℓ).
     *
     * @param kx       frequency along x, cycles per pixel, |k_x| ≤ ½
     * @param ky       frequency along y, cycles per pixel, |k_y| ≤ ½
     * @param pixelRad Δ, radians
     * @param cl       C_ℓ(ℓ), ≥ 0, called up to {@link #maxEll}
     */
    public static double windowedCl(double kx, double ky, double pixelRad, DoubleUnaryOperator cl) {
        return windowedCl(kx, ky, pixelRad, cl, ALIAS_ORDER);
    }

    /** As {@link #windowedCl(double, double, double, DoubleUnaryOperator)} with N = {@code order}. */
    static double windowedCl(double kx, double ky, double pixelRad, DoubleUnaryOperator cl, int order) {
        double sum = 0;
        for (int ny = -order; ny <= order; ny++) {
            double qy = ky + ny;
            double wy = sinc(Math.PI * qy);
            if (wy == 0) {
                continue;
            }
            for (int nx = -order; nx <= order; nx++) {
                double qx = kx + nx;
                double wx = sinc(Math.PI * qx);
                if (wx == 0) {
                    continue;
                }
                double ell = 2 * Math.PI * Math.hypot(qx, qy) / pixelRad;
                sum += cl.applyAsDouble(ell) * wx * wx * wy * wy;
            }
        }
        return sum;
    }
}
