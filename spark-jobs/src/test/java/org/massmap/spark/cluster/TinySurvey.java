package org.massmap.spark.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.massmap.cli.Main;

/**
 * The tiny mock survey of the infrastructure tests, made and mapped through the command line
 * ({@code massmap simulate survey}, {@code massmap sample}): a 64′ square footprint (32² pixels of
 * 2′, about 100,000 galaxies, a 4 MB catalog), survey tiles of 32² at 2′, a sampler cut down
 * to 10 iterations, and catalog splits of 20,000 rows so that every tile merges several partial
 * binnings.
 */
final class TinySurvey {
    private TinySurvey() {
    }

    /** A command's exit code and what it printed. */
    record Run(int exit, String output) {
    }

    /** Runs {@code massmap ARGS} in this JVM. */
    static Run massmap(List<String> args) {
        StringWriter out = new StringWriter();
        int exit;
        try (PrintWriter w = new PrintWriter(out, true)) {
            exit = Main.run(args.toArray(String[]::new), w, w);
        }
        return new Run(exit, out.toString());
    }

    /** Writes the mock survey (catalog.fits and its truth) to {@code dir}; returns the catalog. */
    static Path simulate(Path dir, double galaxiesPerArcmin2) {
        Run r = massmap(List.of("simulate", "survey", "--out", dir.toString(), "--seed", "3",
                "--set", "survey.size=32", "--set", "survey.pixel-arcmin=2",
                "--set", "survey.galaxies-per-arcmin2=" + galaxiesPerArcmin2));
        assertEquals(0, r.exit(), r.output());
        return dir.resolve("catalog.fits");
    }

    /**
     * {@code massmap sample} over {@code catalog} into {@code out} with {@code chains} chains on
     * maps of {@code size}² pixels of {@code pixelArcmin}, then {@code extra} options.
     */
    static List<String> sample(String catalog, String out, int chains, int size, double pixelArcmin, String... extra) {
        List<String> a = new ArrayList<>(List.of("sample", "--catalog", catalog, "--out", out, "--chains", Integer.toString(chains),
                "--seed", "11", "--tiling", "survey", "--set", "map.size=" + size, "--set", "map.pixel-arcmin=" + pixelArcmin,
                "--set", "sampler.levels=4", "--set", "sampler.steps-per-level=2", "--set", "sampler.final-steps=2",
                "--set", "job.rows-per-split=20000", "--prior", "gaussian")); // infrastructure tests: no model needed
        a.addAll(List.of(extra));
        return a;
    }
}
