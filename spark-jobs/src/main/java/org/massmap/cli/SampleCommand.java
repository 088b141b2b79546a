package org.massmap.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.massmap.config.SamplerConfig;
import org.massmap.config.Settings;
import org.massmap.spark.job.JobSpec;
import org.massmap.spark.job.SurveyJob;
import org.massmap.spark.job.TileReport;
import org.massmap.spark.runtime.SparkSessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code massmap sample}: posterior maps of every tile of the input catalogs, on Spark. */
@Command(name = "sample", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Posterior samples of the convergence for every tile of a survey, on Spark.",
                "Annealed HMC for every tile of the input catalogs, on Spark (local[*] by default). Per tile, under OUT/tiles/TILE/ (current.json names the published attempt):",
                "posterior_mean/std/median/q02.5/q16/q84/q97.5.fits, cluster_frequency.fits, clusters.fits, samples.fits,",
                "kappa_ks_e.fits, kappa_wiener.fits, shear/noise/mask.fits, PNG previews (fig1.png: the paper's Fig. 1), tile.json;",
                "OUT/tiles/mosaic/ holds the survey mosaic and OUT/manifest.json the run (written last).",
                "A rerun skips tiles whose inputs did not change. Exit code 3 when some tiles or inputs failed."})
final class SampleCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--catalog", required = true, paramLabel = "URI",
            description = "Catalog file, directory or glob, on any Hadoop file system (repeatable).")
    List<String> catalogs = new ArrayList<>();
    @Option(names = "--out", required = true, paramLabel = "URI", description = "Output root (file path, hdfs://, s3a://).")
    String out;
    @Option(names = "--prior", paramLabel = "gaussian|hybrid", descriptionKey = "sampler.prior",
            description = "Gaussian theory prior, or theory + neural residual (default ${DEFAULT-VALUE}).")
    String prior;
    @Option(names = "--model", paramLabel = "DIR", descriptionKey = "sampler.model",
            description = "Score model directory for the hybrid prior (default: the bundled model trained at the tiles' pixel size; bundled:NAME picks one).")
    String model;
    @Option(names = "--chains", paramLabel = "N", descriptionKey = "sampler.chains", description = "Chains = samples per tile (default ${DEFAULT-VALUE}).")
    Integer chains;
    @Option(names = "--seed", paramLabel = "S", descriptionKey = "sampler.seed", description = "Run seed (default ${DEFAULT-VALUE}).")
    Long seed;
    @Option(names = "--tiling", paramLabel = "auto|single|survey|FILE", descriptionKey = "job.tiling",
            description = "How tiles are chosen (default ${DEFAULT-VALUE}).")
    String tiling;
    @Option(names = "--force", descriptionKey = "job.force", arity = "0..1", fallbackValue = "true",
            description = "Recompute tiles whose inputs did not change (default ${DEFAULT-VALUE}).")
    Boolean force;
    @Option(names = "--master", paramLabel = "URL", descriptionKey = "spark.master",
            description = "Spark master (default: local[*], or spark-submit's).")
    String master;
    @Option(names = "--spark-conf", paramLabel = "KEY=VALUE", description = "Extra Spark property (repeatable).")
    Map<String, String> sparkConf = new LinkedHashMap<>();
    @Option(names = "--truth", paramLabel = "URI", description = "Known truth map (FITS with WCS) shown in each tile's fig1.png.")
    String truth;
    @Option(names = "--known-clusters", paramLabel = "FILE", descriptionKey = "clusters.known",
            description = "Known clusters (RA,DEC,NAME lines) whose frequency is reported.")
    String known;
    @Mixin
    MapOptions map;
    @Mixin
    PriorOptions priorOptions;
    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() throws Exception {
        Settings s = ResolvedConfig.of(spec, config);
        SamplerConfig sampler = SamplerConfig.from(s);
        PrintWriter console = spec.commandLine().getOut();
        MemoryEstimate.sample(org.massmap.grid.TileEmbedding.side(org.massmap.config.MapSettings.from(s).size(),
                org.massmap.config.MapSettings.from(s).embeddingMargin()), sampler.chains(), sampler.batchSize(),
                s.string("spark.master").trim(), sparkConf).require();
        ModelChoice modelChoice = ModelChoice.resolve(sampler, org.massmap.config.MapSettings.from(s).pixelArcmin());
        JobSpec jobSpec = JobSpecs.spec(s, outputUri(out), modelChoice, truth == null ? null : uri(truth));
        SurveyJob.Request request = JobSpecs.request(s, catalogUris(catalogs));
        try (JavaSparkContext jsc = SparkSessions.create("massmap sample", s.string("spark.master").trim(), sparkConf)) {
            console.printf("Spark %s, master %s (UI %s); prior %s%n", jsc.version(), jsc.master(),
                    jsc.sc().uiWebUrl().getOrElse(() -> "off"), modelChoice.describe());
            SurveyJob.Outcome outcome = SurveyJob.run(jsc, jobSpec, request, console);
            for (TileReport r : outcome.tiles()) {
                console.printf("  %-12s %-17s %s%n", r.tileId(), r.status(), r.attemptUri() != null ? r.attemptUri()
                        : r.reason() != null ? r.reason() : "");
            }
            return outcome.exitCode();
        }
    }

    /** Local paths become absolute file: URIs; URIs pass through. */
    static String uri(String location) {
        if (location.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*") || location.startsWith("file:")) {
            return location;
        }
        return Path.of(location).toAbsolutePath().normalize().toUri().toString();
    }

    static String outputUri(String location) {
        return uri(location);
    }

    static List<String> catalogUris(List<String> locations) {
        List<String> out = new ArrayList<>();
        for (String l : locations) {
            out.add(uri(l));
        }
        return out;
    }
}
