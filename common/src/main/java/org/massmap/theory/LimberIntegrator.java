package org.massmap.theory;

import java.util.function.DoubleUnaryOperator;

/**
 * Convergence power spectrum in the Limber approximation (flat universe):
 *
 * <pre>
 *   C_ℓ^κκ = (9/4) Ω_m² (H0/c)⁴ ∫_0^χ_max dχ q(χ)²/a(χ)² P(k = (ℓ + 1/2)/χ, z(χ)),
 * </pre>
 *
 * where q(χ) = ∫_χ dχ' n(χ') (χ' − χ)/χ' is the lensing efficiency of the normalised source
 * distribution ({@link LensingEfficiency}) and χ_max = χ(z_max of the sources). Units: χ in Mpc/h,
 * H0/c = 1/2997.92458 h/Mpc, P in (Mpc/h)³, so C_ℓ is dimensionless. The χ integral uses composite
 * 8-point Gauss-Legendre panels in u = (χ/χ_max)^(1/2) (default 64 panels, 512 nodes), which puts
 * more nodes at small χ where P((ℓ + 1/2)/χ) varies fastest; q(χ) and a(χ) at the nodes are
 * computed once, and P is evaluated per node through {@link MatterPower#atRedshift(double)}.
 * Immutable and thread-safe.
 */
public final class LimberIntegrator {
    /** Default number of Gauss-Legendre panels over [0, χ_max]. */
    public static final int DEFAULT_PANELS = 64;

    private final SourceDistribution sources;
    private final double[] chi;
    private final double[] z;
    private final double[] weight;

    public LimberIntegrator(Background background, SourceDistribution sources) {
        this(background, sources, DEFAULT_PANELS);
    }

    public LimberIntegrator(Background background, SourceDistribution sources, int panels) {
        if (panels < 1) {
            throw new IllegalArgumentException("Limber panels = " + panels + " must be >= 1");
        }
        this.sources = sources;
        double chiMax = background.comovingDistance(sources.maxRedshift());
        double[][] rule = GaussLegendre.rule(0, 1, panels);
        chi = new double[rule[0].length];
        z = new double[chi.length];
        weight = new double[chi.length];
        for (int i = 0; i < chi.length; i++) {
            double u = rule[0][i];
            chi[i] = chiMax * u * u; // χ = χ_max u²: nodes dense at small χ, where P(k = (ℓ+½)/χ) varies fastest
            rule[1][i] *= 2 * chiMax * u; // dχ = 2 χ_max u du
        }
        double[] q = LensingEfficiency.at(background, sources, chi);
        double omegaM = background.params().omegaM();
        double prefactor = 2.25 * omegaM * omegaM / Math.pow(Background.HUBBLE_DISTANCE, 4); // (9/4) Ω_m² (H0/c)⁴
        for (int i = 0; i < chi.length; i++) {
            z[i] = background.redshiftAt(chi[i]);
            double onePlusZ = 1 + z[i];
            weight[i] = rule[1][i] * prefactor * q[i] * q[i] * onePlusZ * onePlusZ; // dχ (9/4)Ω_m²(H0/c)⁴ q²/a²
        }
    }

    /** C_ℓ^κκ at each ℓ (ℓ ≥ 0) for the matter power spectrum {@code power}. */
    public double[] cl(MatterPower power, double[] ells) {
        for (double ell : ells) {
            if (!(ell >= 0 && Double.isFinite(ell))) {
                throw new IllegalArgumentException("multipole ell = " + ell + " must be finite and >= 0");
            }
        }
        double[] cl = new double[ells.length];
        for (int i = 0; i < chi.length; i++) {
            if (weight[i] == 0) {
                continue;
            }
            DoubleUnaryOperator p = power.atRedshift(z[i]);
            for (int j = 0; j < ells.length; j++) {
                cl[j] += weight[i] * p.applyAsDouble((ells[j] + 0.5) / chi[i]); // P((ℓ+½)/χ, z(χ))
            }
        }
        return cl;
    }

    public SourceDistribution sources() {
        return sources;
    }
}
