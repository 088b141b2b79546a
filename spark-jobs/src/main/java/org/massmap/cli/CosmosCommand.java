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
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.massmap.catalog.KnownCluster;
import org.massmap.catalog.XrayCluster;
import org.massmap.config.ConfigLoader;
import org.massmap.config.MapSettings;
import org.massmap.config.SamplerConfig;
import org.massmap.config.Settings;
import org.massmap.io.AtomicDirectory;
import org.massmap.output.PublishedTile;
import org.massmap.report.FieldReport;
import org.massmap.spark.job.JobSpec;
import org.massmap.spark.job.SurveyJob;
import org.massmap.spark.job.TilingChoice;
import org.massmap.spark.runtime.SparkSessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code massmap cosmos}: the real HST/COSMOS field (docs/cosmos.md), the paper's Fig. 2. With the
 * preset conf/presets/cosmos-hst.conf built in, it checks the data, runs the survey job (the same code
 * path as {@code sample}) on the one COSMOS tile once per prior, then reports on the published tiles:
 * the X-ray clusters' detection table, the figures and the B-mode null map ({@link FieldReport}).
 */
@Command(name = CosmosCommand.NAME, mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The real HST/COSMOS field: Kaiser-Squires, Wiener and posterior maps with the X-ray clusters (docs/cosmos.md).",
                "Reads data/cosmos/ of the checkout (or --data DIR) with conf/presets/cosmos-hst.conf built in (--conf, --set and"
                        + " options layer over it), runs the survey job on the COSMOS tile once per prior (the hybrid prior needs a"
                        + " model trained at the tile's pixel size) and writes:",
                "  DIR/jobs/PRIOR/  the survey job's outputs (tiles/tile/ATTEMPT/: posterior maps and samples, cluster frequency,"
                        + " Kaiser-Squires, Wiener); a rerun skips a prior whose inputs and settings did not change;",
                "  DIR/report/      replaced whole: summary.md, xray_clusters.md/.csv/.fits, fig2_PRIOR.png, cutouts_PRIOR.png,"
                        + " bmode.png and the smoothed Kaiser-Squires maps."})
final class CosmosCommand implements Callable<Integer> {
    static final String NAME = "cosmos";
    /** The built-in preset, conf/presets/cosmos-hst.conf (bundled in the jar). */
    static final String PRESET = "cosmos-hst";
    /** Frequency from which the summary counts an X-ray cluster as detected. */
    static final double DETECTED = 0.5;

    /** Which posteriors to draw (cosmos.priors). */
    enum Priors {
        GAUSSIAN, HYBRID, BOTH;

        List<String> names() {
            return this == BOTH ? List.of("gaussian", "hybrid") : List.of(Settings.optionName(this));
        }
    }

    @Spec
    CommandSpec spec;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;
    @Option(names = "--data", paramLabel = "DIR", descriptionKey = "cosmos.data",
            description = "Directory with cosmos_shapes.fits and xray_clusters_finoguenov2006.txt (default: data/cosmos of the checkout).")
    String data;
    @Option(names = "--prior", paramLabel = "gaussian|hybrid|both", descriptionKey = "cosmos.priors",
            description = "Posteriors to draw (default ${DEFAULT-VALUE}).")
    String priors;
    @Option(names = "--model", paramLabel = "DIR", descriptionKey = "sampler.model",
            description = "Score model for the hybrid prior (default: the bundled model trained at the tile's pixel size).")
    String model;
    @Option(names = "--chains", paramLabel = "N", descriptionKey = "sampler.chains", description = "Samples per prior (default ${DEFAULT-VALUE}).")
    Integer chains;
    @Option(names = "--seed", paramLabel = "S", descriptionKey = "sampler.seed", description = "Run seed (default ${DEFAULT-VALUE}).")
    Long seed;
    @Option(names = "--force", descriptionKey = "job.force", arity = "0..1", fallbackValue = "true",
            description = "Resample even when inputs and settings did not change (default ${DEFAULT-VALUE}).")
    Boolean force;
    @Option(names = "--master", paramLabel = "URL", descriptionKey = "spark.master", description = "Spark master (default local[*]).")
    String master;
    @Option(names = "--spark-conf", paramLabel = "KEY=VALUE", description = "Extra Spark property (repeatable).")
    Map<String, String> sparkConf = new LinkedHashMap<>();
    @Mixin
    MapOptions map;
    @Mixin
    PriorOptions priorOptions;
    @Mixin
    ConfigOptions config;

    /** One posterior to draw: its name (the prior), its settings (sampler.prior set), its model and its job. */
    private record Run(String name, Settings settings, ModelChoice model, JobSpec job) {
    }

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        Settings s = ResolvedConfig.of(spec, config, ConfigLoader.preset(PRESET));
        PrintWriter console = spec.commandLine().getOut();
        // everything is checked before anything is written: settings, data, models, memory
        Priors chosen = s.enumValue("cosmos.priors", Priors.class);
        FieldReport.Options reportOptions = reportOptions(s);
        if (TilingChoice.parse(s.string("job.tiling")).kind() != TilingChoice.Kind.SINGLE) {
            throw new org.massmap.config.SettingException("job.tiling must be single for cosmos (one tile, map.center), got '"
                    + s.string("job.tiling") + "'");
        }
        MapSettings map = MapSettings.from(s);
        SamplerConfig sampler = SamplerConfig.from(s);
        CosmosInputs inputs = CosmosInputs.check(CosmosInputs.dataDirectory(s.string("cosmos.data"),
                System.getProperty(CosmosInputs.HOME_PROPERTY)), s, map, console);
        if (map.center().isEmpty()) { // the job then maps the tile the check binned
            s = new Settings(s.config().withValue("map.center", ConfigValueFactory.fromAnyRef(inputs.centre().toString(), "cosmos")));
        }
        Path root = CommandSupport.outputDirectory(out).toAbsolutePath();
        List<Run> runs = plan(s, chosen, map.pixelArcmin(), inputs, root);
        MemoryEstimate.sample(org.massmap.grid.TileEmbedding.side(map.size(), map.embeddingMargin()), sampler.chains(), sampler.batchSize(), s.string("spark.master").trim(), sparkConf).require();

        Files.createDirectories(root);
        int exit = sample(s, runs, inputs, root, sampler.chains(), console);
        if (exit != 0) {
            return exit;
        }
        Path reportDir = root.resolve("report");
        FieldReport.Result result = writeReport(reportDir, s, inputs, runs, root, reportOptions, (System.nanoTime() - t0) * 1e-9);
        printSummary(result, console);
        console.printf(Locale.ROOT, "cosmos finished in %.0f s: %s%n", (System.nanoTime() - t0) * 1e-9, reportDir.resolve("summary.md"));
        return 0;
    }

    /** One run per prior, its model resolved for the tile's pixel size and checked, its job specified. */
    private static List<Run> plan(Settings s, Priors chosen, double pixelArcmin, CosmosInputs inputs, Path root) throws Exception {
        List<KnownCluster> known = inputs.clusters().stream().map(XrayCluster::asKnown).toList();
        List<Run> runs = new ArrayList<>();
        for (String prior : chosen.names()) {
            Settings ps = new Settings(s.config().withValue("sampler.prior", ConfigValueFactory.fromAnyRef(prior, "cosmos --prior")));
            ModelChoice m = ModelChoice.resolve(SamplerConfig.from(ps), pixelArcmin);
            requireTilePixel(m, pixelArcmin);
            runs.add(new Run(prior, ps, m, JobSpecs.spec(ps, SampleCommand.uri(jobRoot(root, prior).toString()), m, null, known)));
        }
        return runs;
    }

    /** Runs the survey job of each run on one Spark context; the exit code of the first that fails, else 0. */
    private int sample(Settings s, List<Run> runs, CosmosInputs inputs, Path root, int chains, PrintWriter console) throws Exception {
        SurveyJob.Request request = JobSpecs.request(s, List.of(inputs.catalog().toUri().toString()));
        try (JavaSparkContext jsc = SparkSessions.create("massmap cosmos", s.string("spark.master").trim(), sparkConf)) {
            for (Run r : runs) {
                console.printf("%s prior: Spark %s on %s; prior %s; %d samples -> %s%n", r.name(), jsc.version(), jsc.master(),
                        r.model().describe(), chains, jobRoot(root, r.name()));
                SurveyJob.Outcome outcome = SurveyJob.run(jsc, r.job(), request, console);
                if (outcome.exitCode() != 0) {
                    spec.commandLine().getErr().printf("%s: the %s-prior run did not publish the tile cleanly (exit %d, see %s); no report"
                            + " written%n", NAME, r.name(), outcome.exitCode(), outcome.manifestUri());
                    return outcome.exitCode();
                }
            }
        }
        return 0;
    }

    private static void printSummary(FieldReport.Result result, PrintWriter console) {
        for (int i = 0; i < result.table().posteriors().size(); i++) {
            console.printf(Locale.ROOT, "%s prior: %d of %d observed X-ray clusters with frequency >= %.2f%n",
                    result.table().posteriors().get(i), result.table().detected(i, DETECTED), result.table().observed(), DETECTED);
        }
        console.printf(Locale.ROOT, "B modes: rms %.4f against %.4f for E; mean kappa_B at the clusters %.1f sigma (kappa_E %.1f sigma)%n",
                result.bModes().rmsB(), result.bModes().rmsE(), result.bModes().significanceB(), result.bModes().significanceE());
    }

    private static Path jobRoot(Path root, String prior) {
        return root.resolve("jobs").resolve(prior);
    }

    /** A model trained at another pixel size is refused with the fixes that keep the COSMOS tile. */
    static void requireTilePixel(ModelChoice m, double pixelArcmin) {
        if (m.metadata() != null && Math.abs(pixelArcmin - m.metadata().pixelArcmin()) > 1e-3 * m.metadata().pixelArcmin()) {
            String tile = CommandSupport.arcmin(pixelArcmin);
            throw new IllegalArgumentException("sampler.model: the model " + m.uri() + " was trained at "
                    + CommandSupport.arcmin(m.metadata().pixelArcmin()) + " arcmin but the COSMOS tile has " + tile
                    + " arcmin pixels (map.pixel-arcmin); give a model trained at " + tile + " arcmin (massmap train --conf"
                    + " conf/presets/cosmos-hst.conf), leave sampler.model"
                    + " empty for the bundled one, or use --prior gaussian");
        }
    }

    static FieldReport.Options reportOptions(Settings s) {
        return new FieldReport.Options(s.nonNegative("cosmos.ks-smooth-arcmin"), s.positive("cosmos.cutout-arcmin"),
                s.positiveInt("cosmos.cutout-samples"), SamplerConfig.clusters(s).radiusArcmin(), DETECTED);
    }

    private FieldReport.Result writeReport(Path reportDir, Settings s, CosmosInputs inputs, List<Run> runs, Path root,
            FieldReport.Options options, double seconds) throws Exception {
        List<FieldReport.Posterior> posteriors = new ArrayList<>();
        for (Run r : runs) {
            Path products = RunDirectories.resolve(jobRoot(root, r.name()), null);
            PublishedTile tile = PublishedTile.read(products, options.cutoutSamples());
            posteriors.add(new FieldReport.Posterior(r.name(), String.format(Locale.ROOT, "%s, %d samples", r.model().describe(),
                    tile.totalSamples()), reportDir.relativize(products).toString(), tile));
        }
        try (AtomicDirectory dir = AtomicDirectory.begin(reportDir)) {
            FieldReport.Result result = FieldReport.write(dir.temp(), "HST/COSMOS", preamble(s, inputs, seconds), inputs.clusters(),
                    posteriors, options, CommandSupport.provenance(s));
            dir.commit();
            return result;
        }
    }

    private String preamble(Settings s, CosmosInputs in, double seconds) {
        MapSettings m = MapSettings.from(s);
        return String.format(Locale.ROOT, "Shape catalog `%s`: %d galaxies on the tile (%d outside it), %d of %d pixels observed;"
                + " %d X-ray clusters from `%s`.%n%nTile: %d × %d pixels of %s′ centred at RA, Dec %s; shape noise σ_e = %.3f (%s);"
                + " flips e1 %s, e2 %s; weights `%s`; %s. Prior C_ℓ: theory n(z) `%s` (the hybrid prior uses its model's C_ℓ).%n%n"
                + "Command: `%s` (seed %d; %.0f s including the report).%n", in.catalog(), in.binned().galaxiesUsed(),
                in.binned().galaxiesOutside(), in.binned().occupiedPixels(), in.binned().grid().size(), in.clusters().size(), in.xrayFile(),
                m.size(), m.size(), CommandSupport.arcmin(m.pixelArcmin()), in.centre(), in.binned().sigmaE(),
                in.binned().sigmaESource().name().toLowerCase(Locale.ROOT), m.flipE1(), m.flipE2(), s.string("catalog.weight"),
                Settings.optionName(m.shearModel()), s.string("theory.nz"), commandLine(), s.longValue("sampler.seed"), seconds);
    }

    private String commandLine() {
        return "./massmap " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    }
}
