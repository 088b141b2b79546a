package org.massmap.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.massmap.config.Settings;
import org.massmap.config.SimulationConfig;
import org.massmap.config.SurveyConfig;
import org.massmap.config.TheoryConfig;
import org.massmap.grid.SkyPoint;
import org.massmap.grid.TileGrid;
import org.massmap.io.AtomicDirectory;
import org.massmap.io.fits.FitsCubes;
import org.massmap.io.fits.Provenance;
import org.massmap.io.plot.MapFigure;
import org.massmap.io.plot.MapPanel;
import org.massmap.output.MockSurveyProducts;
import org.massmap.prior.PowerMap;
import org.massmap.sim.ConvergenceSimulator;
import org.massmap.sim.MockSurvey;
import org.massmap.sim.MockSurveySpec;
import org.massmap.theory.ConvergenceSpectrum;
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
        @Option(names = "--halos", description = "Include the NFW halos of the simulator (section simulation); the maps' mean power stays the prior's.")
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
            ConvergenceSimulator simulator = new ConvergenceSimulator(grid, PowerMap.fromCl(grid, cl::cl), lambda,
                    halos ? SimulationConfig.haloModel(s) : null);
            SplittableRandom rng = new SplittableRandom(seed);
            double[][] maps = new double[n][];
            for (int i = 0; i < n; i++) {
                maps[i] = simulator.draw(rng).kappa();
            }
            Provenance prov = CommandSupport.provenance(s).withSeed(seed);
            AtomicDirectory.write(CommandSupport.outputDirectory(out), dir -> {
                FitsCubes.write(dir.resolve("kappa_maps.fits"), "KAPPA", null, grid, maps, prov);
                List<MapPanel> panels = new ArrayList<>();
                for (int i = 0; i < Math.min(4, n); i++) {
                    panels.add(MapPanel.of("map " + i, side, side, maps[i]));
                }
                MapFigure.of("Simulated κ (" + (lambda > 0 ? "lognormal, shift " + lambda : "Gaussian") + ")", 4, panels)
                        .withRobustSharedScale(org.massmap.io.plot.Colormap.MAGMA, "κ").writePng(dir.resolve("kappa_maps.png"));
            });
            spec.commandLine().getOut().printf("wrote %d maps of %dx%d at %.3g arcmin to %s%s%n", n, side, side, pix,
                    out.resolve("kappa_maps.fits"), halos ? String.format(java.util.Locale.ROOT,
                            " (halo abundance factor A = %.3f)", simulator.abundance()) : "");
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
        return simulateSurvey(s, surveyTruth(s), seed);
    }

    /** Draws a mock survey with a truth simulator built by {@link #surveyTruth(Settings)}. */
    static MockSurvey simulateSurvey(Settings s, ConvergenceSimulator truth, long seed) {
        return MockSurvey.generate(SurveyConfig.spec(s), truth, new SplittableRandom(seed));
    }

    /** The truth simulator of the settings' mock survey (prior C_ell, survey.lognormal-shift, halos if survey.halos). */
    static ConvergenceSimulator surveyTruth(Settings s) throws Exception {
        MockSurveySpec spec = SurveyConfig.spec(s);
        ConvergenceSpectrum cl = TheoryConfig.priorSpectrum(s);
        return MockSurvey.truthSimulator(spec, cl::cl, SurveyConfig.halos(s) ? SimulationConfig.haloModel(s) : null);
    }
}
