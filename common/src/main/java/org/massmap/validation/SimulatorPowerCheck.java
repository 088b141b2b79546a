package org.massmap.validation;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.SplittableRandom;
import org.massmap.config.Settings;
import org.massmap.config.SimulationConfig;
import org.massmap.config.TheoryConfig;
import org.massmap.grid.SkyPoint;
import org.massmap.grid.TileGrid;
import org.massmap.prior.PowerMap;
import org.massmap.sim.ConvergenceSimulator;
import org.massmap.sim.HaloModel;
import org.massmap.stats.BandPowerRatio;
import org.massmap.theory.ConvergenceSpectrum;
import org.massmap.theory.TheoryConvergenceSpectrum;

/**
 * The simulator against the prior (docs/model.md, "Simulator"): the mean power of simulated maps
 * over the prior's, per logarithmic ℓ band from the grid's fundamental to its corner, with the
 * standard error of the band mean from the maps' scatter, as a Markdown table. Also reports the
 * halos' abundance factor A, their share A·P_1h/P of the power per band, the halo counts, the
 * clipped Gaussian power of the lognormal field and the timings. Maps are periodic squares centred
 * at RA, Dec = 0, 0.
 */
public final class SimulatorPowerCheck {
    private SimulatorPowerCheck() {
    }

    /**
     * Draws the maps and writes the report.
     *
     * @param out         where the report goes
     * @param s           the settings (prior C_ℓ of section theory or prior.cl-file, simulate.lognormal-shift,
     *                    simulation.halos)
     * @param size        pixels per side, at least 8
     * @param pixelArcmin pixel side, arcmin
     * @param maps        maps drawn, at least 2
     * @param bands       logarithmic ℓ bands, at least 1
     * @param seed        seed of the maps
     * @param halos       whether the simulator adds halos (false: lognormal field only)
     */
    public static void write(PrintWriter out, Settings s, int size, double pixelArcmin, int maps, int bands, long seed, boolean halos)
            throws Exception {
        ConvergenceSpectrum cl = TheoryConfig.priorSpectrum(s);
        double shift = s.nonNegative("simulate.lognormal-shift");
        TileGrid grid = TileGrid.square(size, pixelArcmin, new SkyPoint(0, 0));
        PowerMap prior = PowerMap.fromCl(grid, cl::cl);
        long t0 = System.nanoTime();
        HaloModel haloModel = halos ? SimulationConfig.haloModel(s) : null;
        long t1 = System.nanoTime();
        ConvergenceSimulator sim = new ConvergenceSimulator(grid, prior, shift, haloModel);
        long t2 = System.nanoTime();
        BandPowerRatio ratio = new BandPowerRatio(grid, bands, prior.toArray());
        double[] haloShare = new double[bands];
        double[] halo = sim.haloPower();
        for (int i = 1; i < halo.length; i++) {
            if (ratio.bandOf(i) >= 0) {
                haloShare[ratio.bandOf(i)] += halo[i] / prior.at(i) / ratio.modes(ratio.bandOf(i)); // band mean of A·P_1h/P
            }
        }
        SplittableRandom rng = new SplittableRandom(seed);
        long halosDrawn = 0;
        long t3 = System.nanoTime();
        for (int m = 0; m < maps; m++) {
            ConvergenceSimulator.Draw d = sim.draw(rng);
            halosDrawn += d.halos().size();
            ratio.add(d.kappa());
        }
        double perMap = (System.nanoTime() - t3) * 1e-9 / maps;

        out.printf(Locale.ROOT, "Simulator vs prior: %d maps of %d² at %.3g′ (%.2f deg² each, %.0f deg² in all), lognormal shift %s, %s.%n",
                maps, size, pixelArcmin, grid.areaDeg2(), grid.areaDeg2() * maps, shift, cl instanceof TheoryConvergenceSpectrum t
                        ? "C_ℓ " + TheoryConvergenceSpectrum.describe(t.settings()) : "C_ℓ from prior.cl-file");
        if (haloModel != null) {
            out.printf(Locale.ROOT, "Halos: M200c %.3g–%.3g M_sun/h, %d (M, z) cells; %.1f per deg² above 10¹³, %.2f above 10¹⁴ (A = 1);"
                    + " abundance factor A = %.4f; %.1f halos per map drawn.%n", haloModel.spec().m200Min(), haloModel.spec().m200Max(),
                    haloModel.cells().size(), haloModel.perDeg2Above(1e13), haloModel.perDeg2Above(1e14), sim.abundance(),
                    halosDrawn / (double) maps);
        }
        out.printf(Locale.ROOT, "Lognormal field: Gaussian power clipped (negative in ξ_g's spectrum) %.2e of the total.%n",
                sim.clippedPowerFraction());
        out.println();
        out.println("| ℓ band | modes | halo share A·P_1h/P | simulator / prior | ± (standard error) |");
        out.println("|---|---|---|---|---|");
        for (int b = 0; b < bands; b++) {
            if (ratio.modes(b) == 0) {
                continue;
            }
            out.printf(Locale.ROOT, "| %.0f–%.0f | %d | %.2f | %.3f | %.3f |%n", ratio.ellLow(b), ratio.ellHigh(b), ratio.modes(b),
                    haloShare[b], ratio.mean(b), ratio.error(b));
        }
        out.printf(Locale.ROOT, "%nTimings: halo model %.1f s, one-halo power of the grid %.1f s, %.3f s per map (draw + power spectrum).%n",
                (t1 - t0) * 1e-9, (t2 - t1) * 1e-9, perMap);
    }
}
