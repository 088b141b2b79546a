package org.massmap.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.massmap.config.Settings;
import org.massmap.validation.SimulatorPowerCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code massmap bench simulator}: the simulator's mean power over the prior's, per ℓ band
 * ({@link SimulatorPowerCheck}, docs/model.md "Simulator"), then the machine and the command.
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
        SimulatorPowerCheck.write(out, s, size, pixel, maps, bands, seed, !noHalos);
        out.println("machine: " + BenchCommand.machine());
        out.printf(Locale.ROOT, "command: ./massmap bench simulator --pixel-arcmin %s --size %d --maps %d --bands %d --seed %d%s%n", pixel, size,
                maps, bands, seed, noHalos ? " --no-halos" : "");
        return 0;
    }
}
