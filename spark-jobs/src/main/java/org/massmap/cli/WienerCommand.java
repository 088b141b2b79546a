package org.massmap.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.massmap.catalog.BinnedShear;
import org.massmap.config.MapSettings;
import org.massmap.config.Settings;
import org.massmap.config.TheoryConfig;
import org.massmap.io.AtomicDirectory;
import org.massmap.io.fits.Provenance;
import org.massmap.pipeline.TileData;
import org.massmap.pipeline.TileProductWriter;
import org.massmap.wiener.WienerResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code massmap wiener}: the Wiener-filter map (Gaussian-prior posterior mean) of a catalog. */
@Command(name = "wiener", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Wiener-filter mass map of a shape catalog.",
                "The posterior mean under the Gaussian theory prior, for a masked tile with per-pixel noise.",
                "Writes DIR/kappa_wiener.fits and kappa_wiener.png."})
final class WienerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--catalog", required = true, paramLabel = "FILE", description = "Shape catalog (FITS binary table or CSV).")
    Path catalog;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (replaced atomically).")
    Path out;
    @Option(names = "--tolerance", descriptionKey = "wiener.tolerance", description = "Relative residual to reach (default ${DEFAULT-VALUE}).")
    Double tolerance;
    @Mixin
    MapOptions map;
    @Mixin
    PriorOptions prior;
    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() throws Exception {
        Settings s = ResolvedConfig.of(spec, config);
        MapSettings m = MapSettings.from(s);
        MemoryEstimate.singleMap(m.size()).require();
        double tol = s.positive("wiener.tolerance");
        int maxIt = s.positiveInt("wiener.max-iterations");
        CommandSupport.requireFile(catalog, "--catalog");
        var cl = TheoryConfig.priorSpectrum(s);
        PrintWriter console = spec.commandLine().getOut();
        BinnedShear binned = CommandSupport.binCatalog(catalog, s, m, console);
        WienerResult wf = new TileData(binned, m.shearModel(), cl, m.embeddingMargin()).wienerFilter(tol, maxIt);
        console.printf("Wiener filter: %d iterations, relative residual %.2e%s%n", wf.iterations(), wf.relativeResidual(),
                wf.converged() ? "" : " (did NOT reach the tolerance " + tol + "; raise wiener.max-iterations)");
        Provenance prov = CommandSupport.provenance(s);
        AtomicDirectory.write(CommandSupport.outputDirectory(out), dir -> new TileProductWriter(dir, prov).wiener(binned, wf));
        console.println("wrote " + out.resolve("kappa_wiener.fits"));
        return wf.converged() ? 0 : Main.EXIT_FAILED;
    }
}
