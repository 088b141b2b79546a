package org.massmap.cli;

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
import org.massmap.config.SamplerConfig;
import org.massmap.config.Settings;
import org.massmap.io.AtomicDirectory;
import org.massmap.io.AtomicFile;
import org.massmap.io.JsonFiles;
import org.massmap.io.fits.Provenance;
import org.massmap.output.MockSurveyProducts;
import org.massmap.sim.MockSurvey;
import org.massmap.spark.job.JobSpec;
import org.massmap.spark.job.SurveyJob;
import org.massmap.spark.job.TileReport;
import org.massmap.spark.runtime.SparkSessions;
import org.massmap.validation.ValidationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code massmap demo}: the embedded default. Simulates a small survey with a known truth, runs the
 * whole survey job on Spark local[*], validates every tile against the truth and writes a summary.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The embedded demo: a mock survey mapped end to end on Spark local[*].",
                "Simulates a small mock survey (conf/presets/demo.conf), runs the survey job on Spark local[*] with the",
                "bundled model, validates every tile against the known truth, and writes",
                "DIR/input/ (mock catalog, truth), DIR/run/ (the job's outputs), DIR/summary.md, DIR/summary.json and",
                "DIR/fig1.png (the paper's Fig. 1 for the best-covered tile)."})
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--out", defaultValue = "demo-out", paramLabel = "DIR", description = "Output directory (default ${DEFAULT-VALUE}).")
    Path out;
    @Option(names = "--prior", paramLabel = "gaussian|hybrid", descriptionKey = "sampler.prior",
            description = "Prior (default ${DEFAULT-VALUE}).")
    String prior;
    @Option(names = "--chains", paramLabel = "N", descriptionKey = "sampler.chains", description = "Chains per tile (default ${DEFAULT-VALUE}).")
    Integer chains;
    @Option(names = "--seed", defaultValue = "1", description = "Seed of the mock survey (default ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--master", paramLabel = "URL", descriptionKey = "spark.master", description = "Spark master (default local[*]).")
    String master;
    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        Settings s = ResolvedConfig.of(spec, config);
        SamplerConfig sampler = SamplerConfig.from(s);
        PrintWriter console = spec.commandLine().getOut();
        Path root = CommandSupport.outputDirectory(out).toAbsolutePath();
        Files.createDirectories(root);

        Path input = root.resolve("input");
        MockSurvey mock = SimulateCommand.simulateSurvey(s, seed);
        Provenance prov = CommandSupport.provenance(s).withSeed(seed);
        AtomicDirectory.write(input, dir -> MockSurveyProducts.write(dir, mock, prov));
        console.printf(Locale.ROOT, "simulated %d galaxies over %s with %d halos -> %s%n", mock.galaxies(), mock.grid(),
                mock.halos().size(), input);

        ModelChoice model = ModelChoice.resolve(sampler, mock.grid().pixelArcmin());
        Path run = root.resolve("run");
        JobSpec jobSpec = JobSpecs.spec(s, run.toUri().toString(), model,
                input.resolve("truth_kappa.fits").toUri().toString());
        SurveyJob.Request request = JobSpecs.request(s, List.of(input.resolve("catalog.fits").toUri().toString()));
        SurveyJob.Outcome outcome;
        try (JavaSparkContext jsc = SparkSessions.create("massmap demo", s.string("spark.master").trim(), Map.of())) {
            console.printf("Spark %s on %s; prior %s%n", jsc.version(), jsc.master(), model.describe());
            outcome = SurveyJob.run(jsc, jobSpec, request, console);
        }

        List<Map<String, Object>> rows = new ArrayList<>();
        String bestTile = null;
        long bestGalaxies = -1;
        for (TileReport r : outcome.tiles()) {
            if (!r.status().isPublished()) {
                continue;
            }
            Path products = RunDirectories.resolve(run, r.tileId());
            ValidationReport v = ValidateCommand.validate(input.resolve("truth_kappa.fits"), products);
            Path vdir = run.resolve("validation").resolve(r.tileId());
            Files.createDirectories(vdir);
            ValidateCommand.write(v, vdir);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("tile", r.tileId());
            row.put("galaxies", r.galaxies());
            row.put("validation", v.toJson());
            rows.add(row);
            if (r.galaxies() > bestGalaxies) {
                bestGalaxies = r.galaxies();
                bestTile = r.tileId();
            }
        }
        double seconds = (System.nanoTime() - t0) * 1e-9;
        String table = table(rows);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("seconds", seconds);
        summary.put("exit_code", outcome.exitCode());
        summary.put("prior", model.describe());
        summary.put("chains_per_tile", sampler.chains());
        summary.put("tiles", rows);
        JsonFiles.write(root.resolve("summary.json"), summary);
        String md = "# massmap demo\n\n" + String.format(Locale.ROOT,
                "Mock survey of %d galaxies (%s, seed %d), %d tile(s), %d posterior samples per tile, prior: %s; %.0f s.%n%n",
                mock.galaxies(), mock.grid(), seed, rows.size(), sampler.chains(), model.describe(), seconds)
                + "Inside the observed mask, against the known truth (mean-subtracted):\n\n" + table;
        AtomicFile.writeBytes(root.resolve("summary.md"), md.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (bestTile != null) {
            Files.copy(RunDirectories.resolve(run, bestTile).resolve("fig1.png"), root.resolve("fig1.png"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        console.println();
        console.print(table);
        console.printf(Locale.ROOT, "%ndemo finished in %.0f s: %s (summary.md, fig1.png, run/)%n", seconds, root);
        return outcome.exitCode();
    }

    @SuppressWarnings("unchecked")
    private static String table(List<Map<String, Object>> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append("| tile | KS RMSE / r | KS smoothed RMSE / r | Wiener RMSE / r | posterior mean RMSE / r | coverage 68% / 95% |\n");
        sb.append("|---|---|---|---|---|---|\n");
        for (Map<String, Object> row : rows) {
            Map<String, Object> v = (Map<String, Object>) row.get("validation");
            Map<String, Object> methods = (Map<String, Object>) v.get("methods");
            Map<String, Object> cov = (Map<String, Object>) v.get("coverage");
            sb.append("| ").append(row.get("tile"));
            for (String m : new String[] {"kaiser_squires", "kaiser_squires_smoothed", "wiener", "posterior_mean"}) {
                Map<String, Object> mm = (Map<String, Object>) methods.get(m);
                sb.append(String.format(Locale.ROOT, " | %.4f / %.2f", (Double) mm.get("rmse"), (Double) mm.get("pearson")));
            }
            sb.append(String.format(Locale.ROOT, " | %.2f / %.2f |%n", (Double) cov.get("68"), (Double) cov.get("95")));
        }
        return sb.toString();
    }

}
