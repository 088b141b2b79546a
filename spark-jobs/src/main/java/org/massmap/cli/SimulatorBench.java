package org.massmap.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.massmap.config.Settings;
import org.massmap.config.TheoryConfig;
import org.massmap.grid.SkyPoint;
import org.massmap.grid.TileGrid;
import org.massmap.prior.PowerMap;
import org.massmap.sim.ConvergenceSimulator;
import org.massmap.sim.HaloModel;
import org.massmap.stats.BandPowerRatio;
import org.massmap.theory.ConvergenceSpectrum;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code massmap bench simulator}: the simulator's mean power over the prior's, per ℓ band from the
 * grid's fundamental to its corner, with the standard error of the band mean from the maps' scatter
 * (docs/model.md, "Simulator"). Also prints the halos' abundance factor A, their share of the power,
 * the halo counts and the timings.
 */
@Command(name = "simulator", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Mean power of simulated maps over the prior's power, per ell band (docs/model.md, Simulator).")
final class SimulatorBench implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--pixel-arcmin", defaultValue = "1.0", description = "Pixel side, arcmin (default ${DEFAULT-VALUE}).")
    double pixel;
    @Option(names = "--size", defaultValue = "128", description = "Pixels per side (default ${DEFAULT-VALUE}).")
    int size;
    @Option(names = "--maps", defaultValue = "256", description = "Number of maps (default ${DEFAULT-VALUE}).")
    int maps;
    @Option(names = "--bands", defaultValue = "8", description = "Logarithmic ell bands (default ${DEFAULT-VALUE}).")
    int bands;
    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--no-halos", description = "Lognormal field only.")
    boolean noHalos;
    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() throws Exception {
        if (maps < 2 || size < 8 || bands < 1 || !(pixel > 0)) {
            throw new org.massmap.config.SettingException("need --maps >= 2, --size >= 8, --bands >= 1 and --pixel-arcmin > 0");
        }
        Settings s = ResolvedConfig.of(spec, config);
        PrintWriter out = spec.commandLine().getOut();
        ConvergenceSpectrum cl = TheoryConfig.priorSpectrum(s);
        double shift = s.nonNegative("simulate.lognormal-shift");
        TileGrid grid = TileGrid.square(size, pixel, new SkyPoint(0, 0));
        PowerMap prior = PowerMap.fromCl(grid, cl::cl);
        long t0 = System.nanoTime();
        HaloModel halos = noHalos ? null : org.massmap.config.SimulationConfig.haloModel(s);
        long t1 = System.nanoTime();
        ConvergenceSimulator sim = new ConvergenceSimulator(grid, prior, shift, halos);
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
                maps, size, pixel, grid.areaDeg2(), grid.areaDeg2() * maps, shift, cl instanceof org.massmap.theory.TheoryConvergenceSpectrum t
                        ? "C_ℓ " + org.massmap.theory.TheoryConvergenceSpectrum.describe(t.settings()) : "C_ℓ from prior.cl-file");
        if (halos != null) {
            out.printf(Locale.ROOT, "Halos: M200c %.3g–%.3g M_sun/h, %d (M, z) cells; %.1f per deg² above 10¹³, %.2f above 10¹⁴ (A = 1);"
                    + " abundance factor A = %.4f; %.1f halos per map drawn.%n", halos.spec().m200Min(), halos.spec().m200Max(),
                    halos.cells().size(), halos.perDeg2Above(1e13), halos.perDeg2Above(1e14), sim.abundance(), halosDrawn / (double) maps);
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
        out.println("machine: " + BenchCommand.machine());
        out.printf(Locale.ROOT, "command: ./massmap bench simulator --pixel-arcmin %s --size %d --maps %d --bands %d --seed %d%s%n", pixel, size,
                maps, bands, seed, noHalos ? " --no-halos" : "");
        return 0;
    }
}
