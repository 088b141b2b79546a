package org.massmap.cli;

import com.typesafe.config.ConfigValueFactory;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.massmap.catalog.BinnedShear;
import org.massmap.catalog.Catalogs;
import org.massmap.catalog.GalaxyChunk;
import org.massmap.config.CatalogSettings;
import org.massmap.config.ConfigLoader;
import org.massmap.config.MapSettings;
import org.massmap.config.SamplerConfig;
import org.massmap.config.Settings;
import org.massmap.io.JsonFiles;
import org.massmap.model.HybridPriorModel;
import org.massmap.model.ModelMetadata;
import org.massmap.pipeline.PriorModel;
import org.massmap.sim.MockSurvey;
import org.massmap.spark.runtime.ModelFetch;
import org.massmap.theory.ConvergenceSpectrum;
import org.massmap.theory.TabulatedConvergenceSpectrum;
import org.massmap.validation.CalibrationStudy;
import org.massmap.validation.KsCalibration;
import org.massmap.validation.PaperSetupStudy;
import org.massmap.validation.StudyRealisation;
import org.massmap.validation.StudyReport;
import org.massmap.config.TheoryConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code massmap study}: the validation campaign on mocks with a known truth (docs/validation.md).
 * For each of N independent lognormal + halo truths observed with the survey preset's mask and
 * noise: Kaiser-Squires (smoothed at the scale of least RMSE on {@link KsCalibration#REALISATIONS}
 * separate calibration realisations, drawn from their own seed stream {@link KsCalibration#seed}), Wiener,
 * and the posterior with the Gaussian prior alone and with the hybrid prior; metrics per method with
 * their scatter; power spectra relative to the truth as ratios of averages; figures. With
 * {@code --paper-setup} the same for truths observed with the real COSMOS galaxies on the preset's
 * tile ({@link PaperSetupStudy}, docs/cosmos.md), resumable per realisation.
 */
@Command(name = "study", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Validation study on mock surveys with a known truth (hours at COSMOS size; see docs/validation.md).",
                "Writes DIR/validation.md, DIR/study.json and figures: fig1.png, fig2.png, posterior_std.png,",
                "cluster_frequency.png, power_spectra.png, coverage.png, detection.png, one_point.png.",
                "--paper-setup: the same in the set-up of the real COSMOS field (docs/cosmos.md):",
                "simulated truths observed with the real galaxies of data/cosmos/ (positions,",
                "weights, randomly rotated shapes) on the 360² tile of 0.29′ of",
                "conf/presets/cosmos-hst.conf (built in), beside Table 1 of Remy et al. (2023).",
                "Defaults: " + StudyCommand.PAPER_REALISATIONS + " realisations of 64 Gaussian- and " + StudyCommand.PAPER_HYBRID_CHAINS
                        + " hybrid-prior samples,",
                "about 3.5 h on 2 cores (1.3 h with --no-hybrid). Resumable: a rerun reuses",
                "DIR/realisations/r-NNNN.json."})
final class StudyCommand implements Callable<Integer> {
    /** Tile id prefix of the mock study's chains: realisation r (mock seed S + r) samples with id "mock-(S + r)", its own chains. */
    static final String MOCK_CHAIN_ID = "mock-";
    /** Realisations of --paper-setup unless --realisations is given. */
    static final int PAPER_REALISATIONS = 6;
    /** Hybrid-prior samples per realisation of --paper-setup unless --hybrid-chains is given. */
    static final int PAPER_HYBRID_CHAINS = 8;
    /** Realisations of the mock study unless --realisations is given. */
    static final int REALISATIONS = 10;

    @Spec
    CommandSpec spec;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;
    @Option(names = "--realisations", paramLabel = "N", description = "Independent truth maps (default " + REALISATIONS + "; --paper-setup "
            + PAPER_REALISATIONS + ").")
    Integer realisations;
    @Option(names = "--chains", paramLabel = "N", descriptionKey = "sampler.chains", description = "Samples per method and realisation (default ${DEFAULT-VALUE}; --paper-setup: 64, the preset's).")
    Integer chains;
    @Option(names = "--hybrid-chains", paramLabel = "N", description = "Hybrid-prior samples per realisation (default --chains; --paper-setup "
            + PAPER_HYBRID_CHAINS + "; posterior means are also scored with their Monte-Carlo excess removed).")
    Integer hybridChains;
    @Option(names = "--model", paramLabel = "DIR", description = "Score model for the hybrid prior (default sampler.model, else the bundled one).")
    String model;
    @Option(names = "--no-hybrid", description = "Skip the hybrid prior (Gaussian prior only).")
    boolean noHybrid;
    @Option(names = "--seed", defaultValue = "100", description = "Seed of the first realisation (default ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--paper-setup", description = "Validation in the set-up of the real COSMOS field (above; the preset cosmos-hst"
            + " built in under --conf and --set).")
    boolean paperSetup;
    @Option(names = "--data", paramLabel = "DIR", descriptionKey = "cosmos.data",
            description = "With --paper-setup: directory with cosmos_shapes.fits and xray_clusters_finoguenov2006.txt (default: data/cosmos of the checkout).")
    String data;
    @Option(names = "--calibration", description = {"Simulation-based calibration instead: truths drawn from each prior's own",
            "distribution on a periodic map.size tile, --chains samples each (odd, e.g. 31); rank histograms,",
            "chi-squared tests and figures in DIR/calibration.md, .json, calibration_*.png; resumable."})
    boolean calibration;
    @Option(names = "--cluster-calibration", description = {"Cluster-frequency calibration instead: per realisation, posteriors of a",
            "halo-free Gaussian truth, a noise-only catalog and the same truth with one NFW halo of true S/N in",
            "[--snr-min, --snr-max] on a map.size tile with the survey section's mask and noise; false candidates",
            "per deg² against the frequency threshold, random positions, detection against S/N in",
            "DIR/cluster_calibration.md, .json and figures; resumable."})
    boolean clusterCalibration;
    @Option(names = "--snr-min", defaultValue = "2", description = "Smallest true S/N of --cluster-calibration's halos (default ${DEFAULT-VALUE}).")
    double snrMin;
    @Option(names = "--snr-max", defaultValue = "6", description = "Largest true S/N of --cluster-calibration's halos (default ${DEFAULT-VALUE}).")
    double snrMax;
    @Option(names = "--convergence", description = {"Convergence evidence instead: on one mock tile (the survey preset at map.size),",
            "the schedule lengthened by each of --factors against the longest, and its final phase extended to",
            "--final-steps iterations (split-R-hat, ESS); DIR/convergence.md and .json (see docs/sampler.md);",
            "resumable: each finished schedule is kept in DIR/pieces and reused by a rerun with the same settings."})
    boolean convergence;
    @Option(names = "--factors", defaultValue = "1,3,10,30", paramLabel = "F1,F2,...",
            description = "Schedule lengthening factors of --convergence, ascending (default ${DEFAULT-VALUE}).")
    String factors;
    @Option(names = "--final-steps", defaultValue = "300", description = "Final-phase iterations of --convergence (default ${DEFAULT-VALUE}).")
    int finalSteps;
    @Mixin
    ConfigOptions config;

    /** The hybrid model of the study: where it came from (with its checksum), the model and its C_ℓ. */
    private record Hybrid(String used, HybridPriorModel prior, ConvergenceSpectrum cl) {
    }

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        if (paperSetup) {
            return paperSetup();
        }
        Settings s = ResolvedConfig.of(spec, config);
        if (data != null) {
            throw new org.massmap.config.SettingException("--data is an option of --paper-setup");
        }
        int realisations = realisations(REALISATIONS);
        MapSettings map = MapSettings.from(s);
        SamplerConfig sampler = SamplerConfig.from(s);
        PrintWriter console = spec.commandLine().getOut();
        configureThreads();

        List<StudyRealisation.Method> methods = new ArrayList<>();
        ConvergenceSpectrum cl = TheoryConfig.priorSpectrum(s);
        methods.add(new StudyRealisation.Method("gaussian", PriorModel.gaussian()));
        String modelUsed = null;
        if (!noHybrid) {
            Hybrid h = hybrid(map, sampler);
            cl = h.cl();
            methods.add(new StudyRealisation.Method("hybrid", h.prior(), null, hybridChains == null ? 0 : samples("--hybrid-chains",
                    hybridChains)));
            modelUsed = h.used();
        }
        if (calibration) {
            try {
                org.massmap.validation.CalibrationReport.binsFor(sampler.chains());
            } catch (IllegalArgumentException e) {
                throw new org.massmap.config.SettingException("--chains " + sampler.chains() + ": " + e.getMessage(), e);
            }
        }
        if (clusterCalibration) {
            if (calibration || convergence) {
                throw new org.massmap.config.SettingException("--cluster-calibration cannot be combined with --calibration or --convergence");
            }
            if (!(snrMin > 0 && snrMax >= snrMin)) {
                throw new org.massmap.config.SettingException("--snr-min and --snr-max must satisfy 0 < min <= max, got " + snrMin + " and "
                        + snrMax);
            }
            if (sampler.chains() < 2) {
                throw new org.massmap.config.SettingException("--cluster-calibration needs --chains of at least 2, got " + sampler.chains());
            }
        }
        int[] lengthening = null;
        if (convergence) {
            try {
                lengthening = org.massmap.validation.ConvergenceStudy.factors(factors);
            } catch (IllegalArgumentException e) {
                throw new org.massmap.config.SettingException("--factors: " + e.getMessage(), e);
            }
            if (finalSteps < 4) {
                throw new org.massmap.config.SettingException("--final-steps must be at least 4, got " + finalSteps);
            }
        }
        Files.createDirectories(out);
        if (convergence) {
            MockSurvey mock = SimulateCommand.simulateSurvey(s, SimulateCommand.surveyTruth(s), seed);
            org.massmap.pipeline.TileData data = new org.massmap.pipeline.TileData(StudyRealisation.bin(mock, map), map.shearModel(), cl,
                    map.embeddingMargin());
            org.massmap.validation.ConvergenceStudy.run("mock-" + seed, data, methods, sampler, lengthening, finalSteps,
                    sampler.chains(), Runtime.getRuntime().availableProcessors(), out, console, commandLine());
            console.printf(Locale.ROOT, "wrote %s (%.0f s)%n", out.resolve("convergence.md"), (System.nanoTime() - t0) * 1e-9);
            return 0;
        }
        if (clusterCalibration) {
            org.massmap.validation.ClusterCalibrationStudy.run(s, out, methods, cl, realisations, sampler.chains(), snrMin, snrMax, seed,
                    commandLine(), console);
            return 0;
        }
        if (calibration) {
            CalibrationStudy.run(s, out, methods, cl, realisations, sampler.chains(), seed, console);
            return 0;
        }
        List<StudyRealisation.Result> results = new ArrayList<>();
        org.massmap.sim.ConvergenceSimulator truth = SimulateCommand.surveyTruth(s);
        KsCalibration ks = calibrateKs(s, truth, map);
        console.printf(Locale.ROOT, "Kaiser-Squires smoothing %.1f arcmin, chosen on %d separate calibration realisations%n", ks.arcmin(),
                ks.realisations());
        for (int r = 0; r < realisations; r++) {
            long tr = System.nanoTime();
            MockSurvey mock = SimulateCommand.simulateSurvey(s, truth, seed + r);
            BinnedShear binned = StudyRealisation.bin(mock, map);
            StudyRealisation.Result res = StudyRealisation.run(s, mock, binned, cl, methods, sampler, ks, r == 0 ? out : null,
                    MOCK_CHAIN_ID + (seed + r));
            results.add(res);
            console.printf(Locale.ROOT, "realisation %d/%d (%d galaxies, %d halos in the tile): %s (%.0f s)%n", r + 1, realisations,
                    mock.galaxies(), res.halos().size(), res.summaryLine(), (System.nanoTime() - tr) * 1e-9);
            console.flush();
        }
        double seconds = (System.nanoTime() - t0) * 1e-9;
        StudyReport report = new StudyReport(results, methods.stream().map(StudyRealisation.Method::name).toList(), ks, sampler, map,
                modelUsed, seconds, commandLine());
        report.writeFigures(out);
        Files.writeString(out.resolve("validation.md"), report.markdown());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("seconds", seconds);
        json.put("ks_smoothing", ks);
        json.put("spectra", report.spectra());
        json.put("realisations", results);
        JsonFiles.write(out.resolve("study.json"), json);
        console.printf(Locale.ROOT, "wrote %s (%.0f s)%n", out.resolve("validation.md"), seconds);
        return 0;
    }

    /**
     * {@code --paper-setup}: the preset cosmos-hst built in, every input checked (data, columns, model, stored
     * realisations) before the output directory is created, then {@link PaperSetupStudy}.
     */
    private int paperSetup() throws Exception {
        if (calibration || clusterCalibration || convergence) {
            throw new org.massmap.config.SettingException("--paper-setup cannot be combined with --calibration, --cluster-calibration or"
                    + " --convergence");
        }
        Settings s = ResolvedConfig.of(spec, config, ConfigLoader.preset(CosmosCommand.PRESET));
        int count = realisations(PAPER_REALISATIONS);
        int hybridSamples = hybridChains == null ? PAPER_HYBRID_CHAINS : samples("--hybrid-chains", hybridChains);
        MapSettings map = MapSettings.from(s);
        SamplerConfig sampler = SamplerConfig.from(s);
        PrintWriter console = spec.commandLine().getOut();
        CosmosInputs inputs = CosmosInputs.check(CosmosInputs.dataDirectory(s.string("cosmos.data"),
                System.getProperty(CosmosInputs.HOME_PROPERTY)), s, map, console);
        if (map.center().isEmpty()) { // the study maps the tile the check binned
            s = new Settings(s.config().withValue("map.center", ConfigValueFactory.fromAnyRef(inputs.centre().toString(), "study")));
            map = MapSettings.from(s);
        }
        configureThreads();
        ConvergenceSpectrum cl = TheoryConfig.priorSpectrum(s);
        List<StudyRealisation.Method> methods = new ArrayList<>();
        methods.add(new StudyRealisation.Method("gaussian", PriorModel.gaussian()));
        String modelUsed = null;
        if (!noHybrid) {
            Hybrid h = hybrid(map, sampler);
            // the hybrid prior runs with its model's C_ell (its score rebuilds its Gaussian part from it); the Wiener filter and
            // the Gaussian prior with the truths'
            methods.add(new StudyRealisation.Method("hybrid", h.prior(), h.cl(), hybridSamples));
            modelUsed = h.used();
        }
        GalaxyChunk galaxies = Catalogs.readAll(inputs.catalog(), CatalogSettings.columns(s, map));
        PaperSetupStudy study = new PaperSetupStudy(s, galaxies, methods, cl, seed);
        study.checkExisting(out);
        Files.createDirectories(out);
        study.run(out, count, modelUsed, commandLine(), console);
        return 0;
    }

    /** --realisations, or {@code fallback} when not given; at least 1. */
    private int realisations(int fallback) {
        int n = realisations == null ? fallback : realisations;
        if (n < 1) {
            throw new org.massmap.config.SettingException("--realisations must be at least 1, got " + n);
        }
        return n;
    }

    /** A count of posterior samples per realisation: at least 2 (the Monte-Carlo excess of a posterior mean needs two). */
    private static int samples(String option, int count) {
        if (count < 2) {
            throw new org.massmap.config.SettingException(option + " must be at least 2 (a posterior mean's Monte-Carlo excess is"
                    + " measured from its samples), got " + count);
        }
        return count;
    }

    private static void configureThreads() {
        org.massmap.runtime.ThreadSettings.configure(1);
        org.massmap.model.Nd4jRuntime.configureThreads(Runtime.getRuntime().availableProcessors());
    }

    /** The hybrid model (--model, sampler.model, else the bundled one for the pixel size), read, verified and checked against the pixel size. */
    private Hybrid hybrid(MapSettings map, SamplerConfig sampler) throws Exception {
        String location = org.massmap.model.BundledModels.locate(model != null ? model : sampler.model(), map.pixelArcmin());
        var loaded = ModelFetch.load(location, new org.apache.hadoop.conf.Configuration());
        ModelMetadata m = loaded.metadata();
        if (Math.abs(m.pixelArcmin() - map.pixelArcmin()) > 1e-3 * m.pixelArcmin()) {
            throw new IllegalArgumentException("the model " + location + " was trained at " + CommandSupport.arcmin(m.pixelArcmin())
                    + " arcmin but the study maps have " + CommandSupport.arcmin(map.pixelArcmin()) + " arcmin pixels; give --model for"
                    + " this pixel size, set map.pixel-arcmin, or use --no-hybrid");
        }
        return new Hybrid(location + " (sha256 " + m.weightsSha256() + ")", new HybridPriorModel(loaded),
                new TabulatedConvergenceSpectrum(m.prior().ell(), m.prior().cl(), "the model's C_ell"));
    }

    /** The Kaiser-Squires smoothing scale, chosen on calibration realisations with seeds apart from the validation ones. */
    private KsCalibration calibrateKs(Settings s, org.massmap.sim.ConvergenceSimulator truth, MapSettings map) throws Exception {
        List<KsCalibration.Case> cases = new ArrayList<>();
        for (int c = 0; c < KsCalibration.REALISATIONS; c++) {
            MockSurvey mock = SimulateCommand.simulateSurvey(s, truth, KsCalibration.seed(seed, c));
            cases.add(KsCalibration.Case.of(mock, StudyRealisation.bin(mock, map)));
        }
        return KsCalibration.choose(cases);
    }

    private String commandLine() {
        return "./massmap " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    }

}
