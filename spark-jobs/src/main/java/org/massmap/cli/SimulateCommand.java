package org.massmap.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.massmap.config.Settings;
import org.massmap.config.SurveyConfig;
import org.massmap.config.TheoryConfig;
import org.massmap.grid.SkyPoint;
import org.massmap.grid.TileGrid;
import org.massmap.io.AtomicDirectory;
import org.massmap.io.FitsCubes;
import org.massmap.io.MapFigure;
import org.massmap.io.MapPanel;
import org.massmap.io.Provenance;
import org.massmap.prior.GaussianFieldGenerator;
import org.massmap.prior.PowerMap;
import org.massmap.products.MockSurveyProducts;
import org.massmap.sim.Halo;
import org.massmap.sim.HaloPopulation;
import org.massmap.sim.HaloRenderer;
import org.massmap.sim.LognormalFieldGenerator;
import org.massmap.sim.MockSurvey;
import org.massmap.sim.MockSurveySpec;
import org.massmap.theory.ConvergenceSpectrum;
import org.massmap.theory.TheorySettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code massmap simulate}: training maps and mock surveys with a known truth. */
@Command(name = "simulate", mixinStandardHelpOptions = true, description = "Simulated convergence maps and mock surveys.",
        subcommands = {SimulateCommand.Kappa.class, SimulateCommand.Survey.class})
final class SimulateCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code massmap simulate kappa}: a FITS cube of independent lognormal (optionally + halos) maps. */
    @Command(name = "kappa", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Independent convergence maps for training, as a FITS cube DIR/kappa_maps.fits (+ preview PNG).",
                    "The power spectrum is the theory C_ell (section theory) or prior.cl-file."})
    static final class Kappa implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
        Path out;
        @Option(names = "--count", paramLabel = "N", descriptionKey = "simulate.count", description = "Number of maps (default ${DEFAULT-VALUE}).")
        Integer count;
        @Option(names = "--size", paramLabel = "S", descriptionKey = "simulate.size", description = "Pixels per side (default ${DEFAULT-VALUE}).")
        Integer size;
        @Option(names = "--pixel-arcmin", paramLabel = "P", descriptionKey = "simulate.pixel-arcmin", description = "Pixel side, arcmin (default ${DEFAULT-VALUE}).")
        Double pixel;
        @Option(names = "--shift", paramLabel = "L", descriptionKey = "simulate.lognormal-shift",
                description = "Lognormal shift; 0 = Gaussian maps (default ${DEFAULT-VALUE}).")
        Double shift;
        @Option(names = "--halos", description = "Add NFW halos drawn as in section survey.halos.")
        boolean halos;
        @Option(names = "--seed", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE}).")
        long seed;
        @Mixin
        ConfigOptions config;

        @Override
        public Integer call() throws Exception {
            Settings s = ResolvedConfig.of(spec, config);
            int n = s.positiveInt("simulate.count");
            int side = s.positiveInt("simulate.size");
            double pix = s.positive("simulate.pixel-arcmin");
            double lambda = s.nonNegative("simulate.lognormal-shift");
            ConvergenceSpectrum cl = TheoryConfig.priorSpectrum(s);
            TileGrid grid = TileGrid.square(side, pix, new SkyPoint(0, 0));
            PowerMap power = PowerMap.fromCl(grid, cl::cl);
            HaloPopulation pop = halos ? haloPopulation(s) : null;
            SplittableRandom rng = new SplittableRandom(seed);
            LognormalFieldGenerator ln = lambda > 0 ? new LognormalFieldGenerator(power, lambda) : null;
            GaussianFieldGenerator gauss = new GaussianFieldGenerator(power);
            double[][] maps = new double[n][];
            for (int i = 0; i < n; i++) {
                maps[i] = ln != null ? ln.draw(rng) : gauss.draw(rng);
                if (pop != null) {
                    HaloRenderer.add(grid, pop.draw(grid, rng), maps[i]);
                }
            }
            Provenance prov = CommandSupport.provenance(s).withSeed(seed);
            AtomicDirectory.write(CommandSupport.outputDirectory(out), dir -> {
                FitsCubes.write(dir.resolve("kappa_maps.fits"), "KAPPA", null, grid, maps, prov);
                List<MapPanel> panels = new ArrayList<>();
                for (int i = 0; i < Math.min(4, n); i++) {
                    panels.add(MapPanel.of("map " + i, side, side, maps[i]));
                }
                MapFigure.of("Simulated κ (" + (lambda > 0 ? "lognormal, shift " + lambda : "Gaussian") + ")", 4, panels)
                        .withRobustSharedScale(org.massmap.io.Colormap.MAGMA, "κ").writePng(dir.resolve("kappa_maps.png"));
            });
            spec.commandLine().getOut().printf("wrote %d maps of %dx%d at %.3g arcmin to %s%n", n, side, side, pix,
                    out.resolve("kappa_maps.fits"));
            return 0;
        }
    }

    /** {@code massmap simulate survey}: a mock shape catalog with its truth, mask and halos. */
    @Command(name = "survey", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"A mock survey with known truth: DIR/catalog.fits, truth_kappa.fits, mask.fits, halos.fits, truth.png.",
                    "Geometry, noise, mask and halos come from section survey (presets in conf/presets/)."})
    static final class Survey implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
        Path out;
        @Option(names = "--seed", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE}).")
        long seed;
        @Mixin
        ConfigOptions config;

        @Override
        public Integer call() throws Exception {
            Settings s = ResolvedConfig.of(spec, config);
            MockSurvey mock = simulateSurvey(s, seed);
            Provenance prov = CommandSupport.provenance(s).withSeed(seed);
            AtomicDirectory.write(CommandSupport.outputDirectory(out), dir -> MockSurveyProducts.write(dir, mock, prov));
            PrintWriter console = spec.commandLine().getOut();
            console.printf("wrote %d galaxies over %s with %d halos to %s%n", mock.galaxies(), mock.grid(),
                    mock.halos().size(), out);
            return 0;
        }
    }

    /** Draws the mock survey the settings describe. */
    static MockSurvey simulateSurvey(Settings s, long seed) throws Exception {
        MockSurveySpec spec = SurveyConfig.spec(s);
        ConvergenceSpectrum cl = TheoryConfig.priorSpectrum(s);
        SplittableRandom rng = new SplittableRandom(seed);
        List<Halo> halos = haloPopulation(s).draw(MockSurvey.field(spec), rng);
        return MockSurvey.generate(spec, cl::cl, halos, rng);
    }

    static HaloPopulation haloPopulation(Settings s) throws Exception {
        TheorySettings theory = TheoryConfig.settings(s);
        return new HaloPopulation(theory.cosmology(), SurveyConfig.halos(s),
                SurveyConfig.effectiveSourceRedshift(theory.sources()));
    }
}
