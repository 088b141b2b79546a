package org.massmap.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.massmap.config.SettingException;
import org.massmap.config.Settings;
import org.massmap.config.TheoryConfig;
import org.massmap.io.plot.LinePlot;
import org.massmap.theory.TheoryConvergenceSpectrum;
import org.massmap.theory.TheorySettings;
import org.massmap.theory.TheoryTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code massmap theory}: the theory convergence power spectrum as a table and a plot. */
@Command(name = "theory", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Theory convergence power spectrum C_ell.",
                "Flat wCDM, linear P(k) x growth, optional Halofit, Limber projection.",
                "Writes FILE (two columns: ell, C_ell) and FILE with extension .png (a log-log plot)."})
final class TheoryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output table (text).")
    Path out;
    @Option(names = "--omega-c", descriptionKey = "theory.omega-c", description = "Cold dark matter density (default ${DEFAULT-VALUE}).")
    Double omegaC;
    @Option(names = "--omega-b", descriptionKey = "theory.omega-b", description = "Baryon density (default ${DEFAULT-VALUE}).")
    Double omegaB;
    @Option(names = "--h", descriptionKey = "theory.h", description = "H0 / (100 km/s/Mpc) (default ${DEFAULT-VALUE}).")
    Double h;
    @Option(names = "--sigma8", descriptionKey = "theory.sigma8", description = "sigma_8 today (default ${DEFAULT-VALUE}).")
    Double sigma8;
    @Option(names = "--ns", descriptionKey = "theory.ns", description = "Spectral index (default ${DEFAULT-VALUE}).")
    Double ns;
    @Option(names = "--w0", descriptionKey = "theory.w0", description = "Dark energy w0 (default ${DEFAULT-VALUE}).")
    Double w0;
    @Option(names = "--wa", descriptionKey = "theory.wa", description = "Dark energy wa (default ${DEFAULT-VALUE}).")
    Double wa;
    @Option(names = "--t-cmb", paramLabel = "K", descriptionKey = "theory.t-cmb",
            description = "CMB temperature in K, used by the transfer functions (default ${DEFAULT-VALUE}).")
    Double tCmb;
    @Option(names = "--transfer", paramLabel = "bbks|eh|eh-nowiggle", descriptionKey = "theory.transfer",
            description = "Transfer function (default ${DEFAULT-VALUE}).")
    String transfer;
    @Option(names = "--nonlinear", paramLabel = "none|halofit", descriptionKey = "theory.nonlinear",
            description = "Non-linear correction (default ${DEFAULT-VALUE}).")
    String nonlinear;
    @Option(names = "--nz", paramLabel = "SPEC", descriptionKey = "theory.nz",
            description = "Sources: plane:ZS | gaussian:MEAN,SIGMA | file:PATH (default ${DEFAULT-VALUE}).")
    String nz;
    @Option(names = "--ell-min", descriptionKey = "theory.ell-min", description = "Smallest multipole (default ${DEFAULT-VALUE}).")
    Double ellMin;
    @Option(names = "--ell-max", descriptionKey = "theory.ell-max", description = "Largest multipole (default ${DEFAULT-VALUE}).")
    Double ellMax;
    @Option(names = "--points", defaultValue = "200", description = "Rows in the table (default ${DEFAULT-VALUE}).")
    int points;
    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() throws Exception {
        Settings s = ResolvedConfig.of(spec, config);
        TheorySettings t = TheoryConfig.settings(s);
        if (points < 2) {
            throw new SettingException("--points must be at least 2, got " + points);
        }
        TheoryConvergenceSpectrum cl = TheoryConvergenceSpectrum.compute(t);
        double[][] table = TheoryTable.tabulate(cl, t.ellMin(), t.ellMax(), points);
        Path parent = CommandSupport.outputDirectory(out).toAbsolutePath().getParent();
        TheoryTable.writeText(out, table, TheoryConvergenceSpectrum.describe(t).split("\n"));
        String name = out.getFileName().toString();
        Path png = parent.resolve((name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name) + ".png");
        double[] l2cl = new double[table[0].length];
        for (int i = 0; i < l2cl.length; i++) {
            l2cl[i] = table[0][i] * (table[0][i] + 1) * table[1][i] / (2 * Math.PI);
        }
        LinePlot.of("Convergence power spectrum", "multipole ℓ", "ℓ(ℓ+1) C_ℓ / 2π")
                .withLogX().withLogY().with(t.sources().describe(), table[0], l2cl).writePng(png);
        spec.commandLine().getOut().printf("wrote %s (%d rows) and %s%n", out, points, png);
        return 0;
    }
}
