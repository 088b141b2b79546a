package org.massmap.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.massmap.grid.TileGrid;
import org.massmap.theory.Background;
import org.massmap.theory.LensingEfficiency;
import org.massmap.theory.SourceDistribution;
import org.massmap.theory.TheorySettings;
import org.massmap.theory.TinkerMassFunction;

/**
 * A population of NFW halos computed from the cosmology and the source n(z) of a theory section, so
 * that simulated maps and the prior describe the same universe.
 *
 * <ul>
 *   <li>Abundance: the Tinker et al. (2008) mass function for M200c ({@link TinkerMassFunction}),
 *       dN/(dz dΩ d ln M) = dn/d ln M · χ² dχ/dz (comoving, flat sky).
 *   <li>Profile: r200 from 200 ρ_crit(z); concentration from Duffy et al. (2008, full sample, 200c),
 *       c = 5.71 (M/2×10¹² h⁻¹M_sun)^−0.084 (1+z)^−0.47; ρ_s = (200/3) c³/[ln(1+c) − c/(1+c)] ρ_crit(z);
 *       a projected NFW truncated at r200 ({@link NfwProfile}), θ_s = r_s/D_l.
 *   <li>Lensing strength: κ_s = ρ_s r_s ⟨Σ_cr⁻¹⟩ with the source-averaged
 *       ⟨Σ_cr⁻¹⟩ = (4πG/c²) D_l q(χ_l), q the lensing efficiency of the n(z)
 *       ({@link LensingEfficiency}): for a source plane, D_l D_ls/D_s.
 *   <li>Cells: M in bins of {@value #MASS_BIN_DEX} dex from the spec's lower bound (the last one
 *       ending at the upper bound); z from
 *       {@value #Z_MIN} to the sources' largest redshift in bins of 0.025 (0.05 above z = 1). Each
 *       cell's expected number per steradian is the 3×3-point Gauss-Legendre integral of the abundance
 *       over the cell. Cells expected to hold fewer than 0.01 halos on the whole sky are dropped. Halos
 *       below z = {@value #Z_MIN} or below the mass range are left to the lognormal component.
 *   <li>Draws: per cell a Poisson number of halos, each with the cell's central mass and redshift, at
 *       positions uniform over the field on a lattice of {@value #SUBPIXEL}×{@value #SUBPIXEL} points
 *       per pixel (no clustering of halos: see {@link ConvergenceSimulator}). Masses on a 0.05-dex
 *       lattice and positions on a half-pixel lattice are far below what any map resolves, and with
 *       them the expected power of the drawn halos is a finite sum that {@link OneHaloPower} computes
 *       exactly (with continuous positions the average over sub-pixel offsets converges slowly: the
 *       rendered cusp makes the power a spiky function of the offset, 20% off at 2×2 and 3×3 points).
 * </ul>
 * Units: masses M_sun/h, lengths Mpc/h. Immutable and thread-safe.
 */
public final class HaloModel {
    /** Width of a mass cell, dex. */
    public static final double MASS_BIN_DEX = 0.05;
    /** Halo positions per pixel and axis. */
    public static final int SUBPIXEL = 2;
    /** Lowest halo redshift. */
    public static final double Z_MIN = 0.05;
    /** c²/(4πG) in (M_sun/h)/(Mpc/h). */
    private static final double C2_OVER_4PI_G = 1.6625e18;
    private static final double Z_TABLE_STEP = 0.0025;
    private static final double MIN_HALOS_ON_SKY = 0.01;

    /**
     * One (ln M, z) cell; its halos all have its central mass and redshift.
     *
     * @param mass         M200c at the cell's centre in ln M, M_sun/h
     * @param redshift     the cell's central redshift
     * @param perSteradian expected number of halos per steradian in the cell
     * @param profile      the projected profile of the cell's halos
     */
    public record Cell(double lnMassLow, double lnMassHigh, double zLow, double zHigh, double mass, double redshift,
            double perSteradian, NfwProfile profile) {
    }

    private final HaloModelSpec spec;
    private final Background background;
    private final double[] lensWeight;
    private final List<Cell> cells;

    /** Builds the population of a theory section's cosmology and sources (a few hundred ms). */
    public HaloModel(TheorySettings theory, HaloModelSpec spec) {
        this.spec = spec;
        TinkerMassFunction mf = new TinkerMassFunction(theory.cosmology(), theory.transfer());
        this.background = mf.background();
        SourceDistribution sources = theory.sources();
        double zMax = sources.maxRedshift();
        if (!(zMax > Z_MIN)) {
            throw new IllegalArgumentException("halos need sources behind z = " + Z_MIN + "; the sources end at z = " + zMax);
        }
        int nz = (int) Math.ceil(zMax / Z_TABLE_STEP) + 1;
        double[] chi = new double[nz];
        for (int i = 0; i < nz; i++) {
            chi[i] = background.comovingDistance(Math.min(zMax, i * Z_TABLE_STEP));
        }
        double[] q = LensingEfficiency.at(background, sources, chi);
        lensWeight = new double[nz];
        for (int i = 0; i < nz; i++) {
            double z = Math.min(zMax, i * Z_TABLE_STEP);
            lensWeight[i] = chi[i] / (1 + z) * q[i]; // D_l q(χ_l)
        }
        this.cells = List.copyOf(buildCells(mf, zMax));
    }

    private List<Cell> buildCells(TinkerMassFunction mf, double zMax) {
        double[][] rule = {{-Math.sqrt(0.6), 0, Math.sqrt(0.6)}, {5.0 / 9, 8.0 / 9, 5.0 / 9}}; // 3-point Gauss-Legendre on [−1, 1]
        double dex = Math.log10(spec.m200Max() / spec.m200Min());
        int nm = Math.max(1, (int) Math.ceil(dex / MASS_BIN_DEX - 1e-9));
        double[] lnEdges = new double[nm + 1];
        for (int i = 0; i <= nm; i++) {
            lnEdges[i] = Math.log(spec.m200Min()) + Math.min(i * MASS_BIN_DEX, dex) * Math.log(10); // 0.05 dex from m200-min, last cell partial
        }
        List<Double> zEdges = new ArrayList<>();
        for (double z = Z_MIN; z < zMax - 1e-9; z += z < 1 - 1e-9 ? 0.025 : 0.05) {
            zEdges.add(z);
        }
        zEdges.add(zMax);
        List<Cell> out = new ArrayList<>();
        for (int im = 0; im < nm; im++) {
            double a = lnEdges[im];
            double b = lnEdges[im + 1];
            TinkerMassFunction.MassScale[] scales = new TinkerMassFunction.MassScale[3];
            for (int k = 0; k < 3; k++) {
                scales[k] = mf.scale(Math.exp(0.5 * (a + b) + 0.5 * (b - a) * rule[0][k]));
            }
            for (int iz = 0; iz + 1 < zEdges.size(); iz++) {
                double z0 = zEdges.get(iz);
                double z1 = zEdges.get(iz + 1);
                if (lensWeight(z0) == 0 && lensWeight(z1) == 0) {
                    continue;
                }
                double sum = 0;
                for (int kz = 0; kz < 3; kz++) {
                    double z = 0.5 * (z0 + z1) + 0.5 * (z1 - z0) * rule[0][kz];
                    double x = background.comovingDistance(z);
                    double volume = x * x * Background.HUBBLE_DISTANCE / background.e(z); // χ² dχ/dz per steradian
                    for (int km = 0; km < 3; km++) {
                        sum += rule[1][kz] * rule[1][km] * mf.dnDlnM200c(scales[km], z) * volume;
                    }
                }
                double perSr = sum * 0.25 * (b - a) * (z1 - z0);
                if (perSr * 4 * Math.PI >= MIN_HALOS_ON_SKY) {
                    double m = Math.exp(0.5 * (a + b));
                    double z = 0.5 * (z0 + z1);
                    out.add(new Cell(a, b, z0, z1, m, z, perSr, profile(m, z)));
                }
            }
        }
        return out;
    }

    public HaloModelSpec spec() {
        return spec;
    }

    /** The (ln M, z) cells with their expected numbers. */
    public List<Cell> cells() {
        return cells;
    }

    /**
     * Expected number of halos per square degree in the cells whose lower mass edge is ≥ {@code massMin}
     * (the count above the first cell edge at or above it; cells are {@value #MASS_BIN_DEX} dex wide).
     */
    public double perDeg2Above(double massMin) {
        double deg2 = Math.pow(Math.PI / 180, 2);
        double n = 0;
        for (Cell c : cells) {
            if (c.lnMassLow() >= Math.log(massMin) - 1e-9) {
                n += c.perSteradian() * deg2;
            }
        }
        return n;
    }

    /** D_l q(χ_l) in Mpc/h at the lens redshift, interpolated from the table. */
    double lensWeight(double z) {
        double t = z / Z_TABLE_STEP;
        int i = (int) Math.floor(t);
        if (i >= lensWeight.length - 1) {
            return lensWeight[lensWeight.length - 1];
        }
        double f = t - i;
        return lensWeight[i] * (1 - f) + lensWeight[i + 1] * f;
    }

    /** The projected profile of a halo of mass M200c (M_sun/h) at redshift z. */
    public NfwProfile profile(double m200, double z) {
        double e = background.e(z);
        double rhoCrit = TinkerMassFunction.CRITICAL_DENSITY * e * e;
        double r200 = Math.cbrt(3 * m200 / (4 * Math.PI * 200 * rhoCrit));
        double c = 5.71 * Math.pow(m200 / 2e12, -0.084) * Math.pow(1 + z, -0.47); // Duffy et al. (2008)
        double rs = r200 / c;
        double deltaC = 200.0 / 3.0 * c * c * c / (Math.log(1 + c) - c / (1 + c));
        double dl = background.comovingDistance(z) / (1 + z);
        double kappaS = deltaC * rhoCrit * rs * lensWeight(z) / C2_OVER_4PI_G; // ρ_s r_s ⟨Σ_cr⁻¹⟩
        return new NfwProfile(Math.max(kappaS, Double.MIN_NORMAL), rs / dl, c);
    }

    /**
     * Halos over a field: per cell a Poisson number with mean abundance × (expected number in the
     * field's nx·ny·Δ² steradians), with the cell's mass and redshift, at positions uniform over the
     * field's lattice of {@value #SUBPIXEL}×{@value #SUBPIXEL} points per pixel (pixel coordinates
     * i + (o + ½)/{@value #SUBPIXEL} − ½).
     *
     * @param abundance factor on every cell's expected number (the simulator's A, ≤ 1)
     */
    public List<Halo> draw(TileGrid field, double abundance, RandomGenerator rng) {
        List<Halo> halos = new ArrayList<>();
        for (Placement p : place(field, abundance, rng)) {
            halos.add(halo(field, p));
        }
        return halos;
    }

    /**
     * Where a drawn halo is: the index of its cell in {@link #cells()} and its sub-pixel lattice point
     * (x, y), 0 ≤ x &lt; {@value #SUBPIXEL}·nx, at pixel coordinates ({@link #lattice}(x), {@link #lattice}(y)).
     */
    public record Placement(int cell, int x, int y) {
    }

    /** The draw of {@link #draw} as placements (same random sequence). */
    public List<Placement> place(TileGrid field, double abundance, RandomGenerator rng) {
        double solidAngle = field.nx() * field.ny() * field.pixelRad() * field.pixelRad();
        List<Placement> out = new ArrayList<>();
        for (int ci = 0; ci < cells.size(); ci++) {
            int n = SurveyMask.poisson(abundance * cells.get(ci).perSteradian() * solidAngle, rng);
            for (int i = 0; i < n; i++) {
                int x = rng.nextInt(SUBPIXEL * field.nx());
                int y = rng.nextInt(SUBPIXEL * field.ny());
                out.add(new Placement(ci, x, y));
            }
        }
        return out;
    }

    /** The halo at a placement on a field. */
    public Halo halo(TileGrid field, Placement p) {
        Cell c = cells.get(p.cell());
        return new Halo(field.tangentPlane().deproject(field.xiOf(lattice(p.x())), field.etaOf(lattice(p.y()))), c.profile(),
                c.mass(), c.redshift());
    }

    /** Pixel coordinate of sub-pixel lattice point j: pixel j / SUBPIXEL, offset (j mod SUBPIXEL + ½)/SUBPIXEL − ½. */
    public static double lattice(int j) {
        return Math.floorDiv(j, SUBPIXEL) + (Math.floorMod(j, SUBPIXEL) + 0.5) / SUBPIXEL - 0.5;
    }
}
