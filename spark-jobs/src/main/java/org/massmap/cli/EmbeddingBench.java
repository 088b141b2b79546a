package org.massmap.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.massmap.catalog.BinnedShear;
import org.massmap.config.MapSettings;
import org.massmap.config.SamplerConfig;
import org.massmap.config.SettingException;
import org.massmap.config.Settings;
import org.massmap.config.TheoryConfig;
import org.massmap.io.JsonFiles;
import org.massmap.sim.ConvergenceSimulator;
import org.massmap.sim.MockSurvey;
import org.massmap.theory.ConvergenceSpectrum;
import org.massmap.validation.EmbeddingStudy;
import org.massmap.validation.StudyRealisation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code massmap bench embedding}: the tile-boundary study of docs/validation.md ("Tile boundaries:
 * embedding in a larger torus", {@link EmbeddingStudy}): the validation study's mock tiles (survey
 * preset, truth cut from a field twice the survey's size), each mapped with the Gaussian prior at every
 * {@code --margins} value of map.embedding-margin, scored by distance to the tile edge. Writes
 * DIR/embedding.md and DIR/embedding.json.
 */
@Command(name = "embedding", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Posterior accuracy near tile edges with and without embedding in a larger torus (docs/validation.md).")
final class EmbeddingBench implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;
    @Option(names = "--margins", defaultValue = "0,0.125,0.25,0.5", paramLabel = "F0,F1,...",
            description = "map.embedding-margin values, the first 0 (default ${DEFAULT-VALUE}).")
    String margins;
    @Option(names = "--realisations", defaultValue = "6", description = "Mock tiles (default ${DEFAULT-VALUE}).")
    int realisations;
    @Option(names = "--seed", defaultValue = "500", description = "Seed of the first mock; mock r has seed + r (default ${DEFAULT-VALUE}).")
    long seed;
    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        Settings s = ResolvedConfig.of(spec, config);
        double[] f = parseMargins(margins);
        if (realisations < 2) {
            throw new SettingException("--realisations must be at least 2 (standard errors), got " + realisations);
        }
        MapSettings map = MapSettings.from(s);
        SamplerConfig sampler = SamplerConfig.from(s);
        ConvergenceSpectrum cl = TheoryConfig.priorSpectrum(s);
        int threads = sampler.threads() > 0 ? sampler.threads() : Runtime.getRuntime().availableProcessors();
        org.massmap.runtime.ThreadSettings.configure(1);
        PrintWriter console = spec.commandLine().getOut();
        Files.createDirectories(out);
        ConvergenceSimulator truth = SimulateCommand.surveyTruth(s);
        List<EmbeddingStudy.Realisation> rs = new ArrayList<>();
        for (int r = 0; r < realisations; r++) {
            long tr = System.nanoTime();
            MockSurvey mock = SimulateCommand.simulateSurvey(s, truth, seed + r);
            BinnedShear binned = StudyRealisation.bin(mock, map);
            EmbeddingStudy.Realisation res = EmbeddingStudy.run(seed + r, mock, binned, cl, map.shearModel(), f, sampler,
                    s.positive("wiener.tolerance"), s.positiveInt("wiener.max-iterations"), threads);
            rs.add(res);
            StringBuilder line = new StringBuilder();
            for (EmbeddingStudy.MarginResult m : res.margins()) {
                line.append(String.format(Locale.ROOT, "  margin %s: edge RMSE %.4f interior %.4f (%.0f s)", m.margin(), m.rmseMc()[0],
                        m.rmseMc()[m.rmseMc().length - 1], m.seconds()));
            }
            console.printf(Locale.ROOT, "realisation %d/%d (seed %d):%s (%.0f s)%n", r + 1, realisations, seed + r, line,
                    (System.nanoTime() - tr) * 1e-9);
            console.flush();
            if (r >= 1) {
                write(rs, s, map, sampler, threads, (System.nanoTime() - t0) * 1e-9); // a long run leaves a report at every step
            }
        }
        double seconds = (System.nanoTime() - t0) * 1e-9;
        write(rs, s, map, sampler, threads, seconds);
        console.printf(Locale.ROOT, "wrote %s (%.0f s)%n", out.resolve("embedding.md"), seconds);
        return 0;
    }

    private void write(List<EmbeddingStudy.Realisation> rs, Settings s, MapSettings map, SamplerConfig sampler, int threads,
            double seconds) throws Exception {
        List<String> header = List.of(
                "command: " + commandLine(),
                "machine: " + BenchCommand.machine() + String.format(Locale.ROOT, "; %d chain threads; %.0f s wall in all", threads, seconds),
                String.format(Locale.ROOT, "tile: map.size %d at %.3g arcmin, shear model %s; prior gaussian; %d chains per tile, seed %d;"
                        + " mocks: the survey preset (survey.size %d, truth cut from a field twice that size), seeds %d to %d",
                        map.size(), map.pixelArcmin(), Settings.optionName(map.shearModel()), sampler.chains(), sampler.seed(),
                        s.positiveInt("survey.size"), seed, seed + rs.size() - 1));
        Files.writeString(out.resolve("embedding.md"), EmbeddingStudy.markdown(rs, header));
        JsonFiles.write(out.resolve("embedding.json"), EmbeddingStudy.json(rs, header));
    }

    static double[] parseMargins(String text) {
        String[] parts = text.split(",");
        double[] f = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                f[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new SettingException("--margins: not a number: '" + parts[i].trim() + "'", e);
            }
            if (!(f[i] >= 0 && f[i] <= org.massmap.grid.TileEmbedding.MAX_FRACTION)) {
                throw new SettingException("--margins: each margin must lie in [0, " + org.massmap.grid.TileEmbedding.MAX_FRACTION
                        + "] (a fraction of the tile side), got " + f[i]);
            }
        }
        if (f.length < 2 || f[0] != 0) {
            throw new SettingException("--margins needs 0 first (the reference) and at least one other margin, got " + text);
        }
        return f;
    }

    private String commandLine() {
        return "./massmap " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    }
}
