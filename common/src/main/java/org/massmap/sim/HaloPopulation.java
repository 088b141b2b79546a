package org.massmap.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.massmap.grid.TileGrid;
import org.massmap.theory.Background;
import org.massmap.theory.CosmologyParams;

/**
 * Draws NFW halos with known positions for mock surveys: a Poisson number per square degree, masses
 * M200c from a power law dn/dM ∝ M^−slope between two bounds (a simple stand-in for the cluster
 * mass function's high-mass tail), all at one lens redshift, lensing one source plane. The profile
 * follows from the cosmology: r200 from 200 ρ_crit(z), concentration from Duffy et al. (2008,
 * full sample, 200c): c = 5.71 (M/2×10¹² h⁻¹M_sun)^−0.084 (1+z)^−0.47, κ_s = ρ_s r_s / Σ_cr with
 * Σ_cr = c²/(4πG) D_s/(D_l D_ls), θ_s = r_s / D_l. Units: masses in M_sun/h, lengths in Mpc/h.
 */
public final class HaloPopulation {
    /** ρ_crit,0 in (M_sun/h)/(Mpc/h)³. */
    private static final double RHO_CRIT0 = 2.77536627e11;
    /** c²/(4πG) in (M_sun/h)/(Mpc/h). */
    private static final double C2_OVER_4PI_G = 1.6625e18;

    private final Background background;
    private final HaloSpec spec;
    private final double zSource;

    public HaloPopulation(CosmologyParams cosmology, HaloSpec spec, double zSource) {
        if (!(zSource > spec.redshift())) {
            throw new IllegalArgumentException("halos at z=" + spec.redshift() + " need sources behind them; source z=" + zSource);
        }
        this.background = new Background(cosmology);
        this.spec = spec;
        this.zSource = zSource;
    }

    /** The projected profile of one halo of mass M200c (M_sun/h). */
    public NfwProfile profile(double m200) {
        double zl = spec.redshift();
        double e = background.e(zl);
        double rhoCrit = RHO_CRIT0 * e * e;
        double r200 = Math.cbrt(3 * m200 / (4 * Math.PI * 200 * rhoCrit));
        double c = 5.71 * Math.pow(m200 / 2e12, -0.084) * Math.pow(1 + zl, -0.47);
        double rs = r200 / c;
        double deltaC = 200.0 / 3.0 * c * c * c / (Math.log(1 + c) - c / (1 + c));
        double rhoS = deltaC * rhoCrit;
        double chiL = background.comovingDistance(zl);
        double chiS = background.comovingDistance(zSource);
        double dl = chiL / (1 + zl);
        double ds = chiS / (1 + zSource);
        double dls = (chiS - chiL) / (1 + zSource);
        double sigmaCrit = C2_OVER_4PI_G * ds / (dl * dls);
        return new NfwProfile(rhoS * rs / sigmaCrit, rs / dl, c);
    }

    /** Halos placed uniformly over a field (its tangent-plane square). */
    public List<Halo> draw(TileGrid field, RandomGenerator rng) {
        int n = SurveyMask.poisson(spec.perDeg2() * field.areaDeg2(), rng);
        List<Halo> halos = new ArrayList<>(n);
        double halfX = 0.5 * field.nx() * field.pixelRad();
        double halfY = 0.5 * field.ny() * field.pixelRad();
        for (int i = 0; i < n; i++) {
            double m = powerLaw(spec.massMin(), spec.massMax(), spec.slope(), rng.nextDouble());
            double xi = (2 * rng.nextDouble() - 1) * halfX;
            double eta = (2 * rng.nextDouble() - 1) * halfY;
            halos.add(new Halo(field.tangentPlane().deproject(xi, eta), profile(m), m, spec.redshift()));
        }
        return halos;
    }

    /** Inverse CDF of p(M) ∝ M^−slope on [lo, hi]. */
    static double powerLaw(double lo, double hi, double slope, double u) {
        if (Math.abs(slope - 1) < 1e-12) {
            return lo * Math.pow(hi / lo, u);
        }
        double a = 1 - slope;
        return Math.pow(Math.pow(lo, a) + u * (Math.pow(hi, a) - Math.pow(lo, a)), 1 / a);
    }
}
