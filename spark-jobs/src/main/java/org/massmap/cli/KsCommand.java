package org.massmap.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.massmap.catalog.BinnedShear;
import org.massmap.config.MapSettings;
import org.massmap.config.Settings;
import org.massmap.io.AtomicDirectory;
import org.massmap.io.fits.Provenance;
import org.massmap.lensing.KaiserSquiresMaps;
import org.massmap.pipeline.TileProductWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code massmap ks}: bins a catalog and writes Kaiser-Squires E/B maps plus the binned data. */
@Command(name = "ks", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Kaiser-Squires mass map of a shape catalog.",
                "Writes DIR/kappa_ks_e.fits, kappa_ks_b.fits, shear.fits (GAMMA1, GAMMA2), noise.fits, mask.fits (MASK, COUNTS) "
                        + "and kappa_ks_e.png; the directory is published atomically."})
final class KsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--catalog", required = true, paramLabel = "FILE", description = "Shape catalog (FITS binary table or CSV).")
    Path catalog;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (replaced atomically).")
    Path out;

    @Option(names = "--smooth-arcmin", paramLabel = "S", descriptionKey = "ks.smooth-arcmin",
            description = "Gaussian smoothing of the maps in arcmin, 0 = none (default ${DEFAULT-VALUE}).")
    Double smoothArcmin;

    @Mixin
    MapOptions map;

    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() throws Exception {
        Settings s = ResolvedConfig.of(spec, config);
        MapSettings m = MapSettings.from(s);
        MemoryEstimate.singleMap(m.size()).require();
        double smooth = s.nonNegative("ks.smooth-arcmin");
        CommandSupport.requireFile(catalog, "--catalog");
        PrintWriter console = spec.commandLine().getOut();
        BinnedShear binned = CommandSupport.binCatalog(catalog, s, m, console);
        KaiserSquiresMaps ks = org.massmap.pipeline.TileInference.kaiserSquires(binned, m.embedding(binned.grid()), smooth);
        Provenance prov = CommandSupport.provenance(s);
        AtomicDirectory.write(CommandSupport.outputDirectory(out), dir -> new TileProductWriter(dir, prov).kaiserSquires(binned, ks));
        console.println("wrote " + out.resolve("kappa_ks_e.fits") + " and 5 more files");
        return 0;
    }
}
