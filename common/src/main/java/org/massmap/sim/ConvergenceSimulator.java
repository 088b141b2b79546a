package org.massmap.sim;

import java.util.List;
import java.util.random.RandomGenerator;
import org.massmap.grid.TileGrid;
import org.massmap.prior.GaussianFieldGenerator;
import org.massmap.prior.PowerMap;
import org.massmap.stats.MeanRemoval;

/**
 * Convergence maps on a periodic grid whose expected power is exactly a target power map (the
 * prior's, pixel window included), with non-Gaussian structure from two independent components:
 *
 * <pre>
 *   κ = κ_LN + Σ halos − mean,   P_LN = P_target − A·P_1h,   E|FFT κ|²/N_pix = P_LN + A·P_1h = P_target,
 * </pre>
 *
 * κ_LN a shifted-lognormal field ({@link LognormalFieldGenerator}; Gaussian when the shift is 0)
 * with power P_LN, and the halos of a {@link HaloModel} with every cell's abundance multiplied by A,
 * rendered with periodic wrap-around from the very stamps P_1h, their expected power, was computed
 * from ({@link OneHaloPower}, {@link HaloStamps}).
 * The Halofit C_ℓ already contains the one-halo term, so adding halos on top of a lognormal field
 * with the full C_ℓ would count it twice; here the halos take their share and the lognormal field the
 * rest (the two-halo term and the halos outside the model's mass and redshift range).
 *
 * <p><b>Rule where the one-halo term exceeds the theory.</b> A = min(1, min_k f·P_target[k]/P_1h[k])
 * over the grid's modes k ≠ 0, f = {@value #MAX_ONE_HALO_FRACTION}: the halos never carry more than
 * 80% of the target power at any mode, so P_LN ≥ 0.2·P_target stays a valid power spectrum. A = 1
 * (the full Tinker abundance) whenever the theory allows it.
 *
 * <p><b>Simplification.</b> Halo positions are uniform and independent of κ_LN (no halo clustering,
 * no halo-field correlation), so there is no cross term in the power; the two-halo term is carried by
 * the lognormal component. Peaks of κ_LN and halos therefore do not coincide as they would in an N-body
 * map; the two-point function is exact regardless.
 *
 * <p>Construction costs one {@link OneHaloPower} computation (seconds for a 128² grid); keep one
 * simulator per grid. Draws are thread-safe; all randomness comes from the generator passed in.
 */
public final class ConvergenceSimulator {
    /** f: the largest fraction of the target power the halos may carry at any mode. */
    public static final double MAX_ONE_HALO_FRACTION = 0.8;

    /** One simulated map (row-major, zero mean) and the halos in it (with their abundance-scaled population). */
    public record Draw(double[] kappa, List<Halo> halos) {
    }

    private final TileGrid grid;
    private final PowerMap target;
    private final HaloModel halos;
    private final HaloStamps stamps;
    private final double[] oneHalo;
    private final double abundance;
    private final PowerMap fieldPower;
    private final LognormalFieldGenerator lognormal;
    private final GaussianFieldGenerator gaussian;

    /**
     * @param grid   the periodic field
     * @param target the power the maps must have (from {@code PowerMap.fromCl} of the prior's C_ℓ)
     * @param shift  lognormal shift λ of the field component (0 = Gaussian)
     * @param halos  the halo population, or null for none (then κ is lognormal/Gaussian with the target power)
     */
    public ConvergenceSimulator(TileGrid grid, PowerMap target, double shift, HaloModel halos) {
        if (target.nx() != grid.nx() || target.ny() != grid.ny()) {
            throw new IllegalArgumentException("target power map is " + target.nx() + "x" + target.ny() + " but the grid is " + grid);
        }
        if (!(shift >= 0) || !Double.isFinite(shift)) {
            throw new IllegalArgumentException("lognormal shift must be >= 0 (0 = Gaussian), got " + shift);
        }
        this.grid = grid;
        this.target = target;
        this.halos = halos;
        int n = grid.nx() * grid.ny();
        this.stamps = halos == null ? null : new HaloStamps(halos, grid);
        this.oneHalo = halos == null ? new double[n] : OneHaloPower.compute(grid, halos, stamps);
        this.abundance = halos == null ? 0 : abundance(target, oneHalo);
        double[] p = new double[n];
        for (int i = 1; i < n; i++) {
            p[i] = target.at(i) - abundance * oneHalo[i]; // P_LN = P_target − A·P_1h ≥ (1 − f) P_target
        }
        this.fieldPower = PowerMap.of(grid.nx(), grid.ny(), p);
        this.lognormal = shift > 0 ? new LognormalFieldGenerator(fieldPower, shift) : null;
        this.gaussian = shift > 0 ? null : new GaussianFieldGenerator(fieldPower);
    }

    /** A = min(1, min_k f·P[k]/P_1h[k]) over k ≠ 0. */
    static double abundance(PowerMap target, double[] oneHalo) {
        double a = 1;
        for (int i = 1; i < oneHalo.length; i++) {
            if (oneHalo[i] > 0) {
                a = Math.min(a, MAX_ONE_HALO_FRACTION * target.at(i) / oneHalo[i]);
            }
        }
        return a;
    }

    /** One map: the field component plus A-thinned halos, rendered periodically, mean removed. */
    public Draw draw(RandomGenerator rng) {
        double[] kappa = lognormal != null ? lognormal.draw(rng) : gaussian.draw(rng);
        List<Halo> drawn = List.of();
        if (halos != null) {
            List<HaloModel.Placement> placed = halos.place(grid, abundance, rng);
            List<Halo> list = new java.util.ArrayList<>(placed.size());
            for (HaloModel.Placement p : placed) {
                stamps.addPeriodic(p, kappa, grid.nx(), grid.ny()); // the stamps P_1h was computed from
                list.add(halos.halo(grid, p));
            }
            drawn = List.copyOf(list);
        }
        MeanRemoval.removeMean(kappa);
        return new Draw(kappa, drawn);
    }

    public TileGrid grid() {
        return grid;
    }

    /** The target power map (what the maps' expected power is). */
    public PowerMap target() {
        return target;
    }

    /** The halos' abundance factor A (0 without halos). */
    public double abundance() {
        return abundance;
    }

    /** A·P_1h per Fourier index: the halos' expected share of the power. */
    public double[] haloPower() {
        double[] p = oneHalo.clone();
        for (int i = 0; i < p.length; i++) {
            p[i] *= abundance;
        }
        p[0] = 0;
        return p;
    }

    /** The field component's power map, P_target − A·P_1h. */
    public PowerMap fieldPower() {
        return fieldPower;
    }

    /** The lognormal field's clipped Gaussian power fraction ({@link LognormalFieldGenerator#clippedPowerFraction()}; 0 if Gaussian). */
    public double clippedPowerFraction() {
        return lognormal == null ? 0 : lognormal.clippedPowerFraction();
    }

    /** The halo population, or null. */
    public HaloModel halos() {
        return halos;
    }
}
