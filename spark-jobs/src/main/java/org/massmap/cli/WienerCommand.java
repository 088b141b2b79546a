package org.massmap.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.massmap.catalog.BinnedShear;
import org.massmap.config.MapSettings;
import org.massmap.config.Settings;
import org.massmap.config.TheoryConfig;
import org.massmap.io.AtomicDirectory;
import org.massmap.io.FitsKeywords;
import org.massmap.io.FitsMaps;
import org.massmap.io.MapFigure;
import org.massmap.io.MapHdu;
import org.massmap.io.Provenance;
import org.massmap.io.SkyMap;
import org.massmap.lensing.ShearLikelihood;
import org.massmap.products.TileInference;
import org.massmap.products.TileProducts;
import org.massmap.wiener.GaussianPosterior;
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
        ShearLikelihood like = TileInference.likelihood(binned, m.shearModel());
        WienerResult wf = new GaussianPosterior(like, TileInference.power(binned.grid(), cl), 0).wienerFilter(tol, maxIt);
        console.printf("Wiener filter: %d iterations, relative residual %.2e%s%n", wf.iterations(), wf.relativeResidual(),
                wf.converged() ? "" : " (did NOT reach the tolerance " + tol + "; raise wiener.max-iterations)");
        Provenance prov = CommandSupport.provenance(s);
        FitsKeywords extra = FitsKeywords.empty().with("WFITER", wf.iterations()).with("WFRESID", wf.relativeResidual());
        AtomicDirectory.write(CommandSupport.outputDirectory(out), dir -> {
            FitsMaps.write(dir.resolve("kappa_wiener.fits"), prov,
                    java.util.List.of(new MapHdu(SkyMap.of("KAPPA_WIENER", binned.grid(), wf.kappa()), extra)));
            MapFigure.single(SkyMap.of("KAPPA_WIENER", binned.grid(), wf.kappa())
                    .masked(TileProducts.maskValues(binned.mask())), "Wiener filter κ").writePng(dir.resolve("kappa_wiener.png"));
        });
        console.println("wrote " + out.resolve("kappa_wiener.fits"));
        return wf.converged() ? 0 : Main.EXIT_FAILED;
    }
}
