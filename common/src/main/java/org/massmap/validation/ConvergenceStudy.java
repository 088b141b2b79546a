package org.massmap.validation;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.massmap.config.SamplerConfig;
import org.massmap.io.JsonFiles;
import org.massmap.pipeline.TileData;
import org.massmap.pipeline.TileProblem;

/**
 * The convergence evidence for a posterior on one mock tile ({@code massmap study --convergence},
 * docs/sampler.md): for each prior, a {@link ScheduleSweep} of the configured schedule lengthened by
 * each factor (where the summaries stop moving, and at what cost), then a {@link FinalPhaseConvergence}
 * of the configured schedule with its final phase extended (split-R̂ and ESS of each scalar). Writes
 * DIR/convergence.md and DIR/convergence.json. Resumable: each schedule's summary and each final
 * phase is kept under DIR/pieces as it finishes ({@link StudyPieces}) and reused by a rerun with the
 * same tile, prior, sampler settings and chains.
 */
public final class ConvergenceStudy {
    private ConvergenceStudy() {
    }

    /**
     * @param factors    ascending lengthening factors of the schedule; the last is the reference
     * @param finalSteps final iterations of the extended final phase
     * @param chains     chains per schedule and for the final phase
     */
    public static void run(String tileId, TileData data, List<StudyRealisation.Method> methods, SamplerConfig sampler, int[] factors,
            int finalSteps, int chains, int threads, Path out, PrintWriter console, String commandLine) throws Exception {
        PosteriorScalars scalars = new PosteriorScalars(data.binned().grid(), data.tilePower());
        StringBuilder md = new StringBuilder("# Convergence of the posterior sampler\n\n");
        md.append(String.format(Locale.ROOT, "Tile %s (%d×%d pixels of %.3g′), schedule %s, %d chains; `%s`.%n", tileId,
                data.binned().grid().nx(), data.binned().grid().ny(), data.binned().grid().pixelArcmin(), sampler.schedule().describe(),
                chains, commandLine));
        Map<String, Object> json = new LinkedHashMap<>();
        StudyPieces pieces = new StudyPieces(out.resolve("pieces"), console);
        String tile = String.format(Locale.ROOT, "tile %s %dx%d of %s arcmin, data %08x", tileId, data.binned().grid().nx(),
                data.binned().grid().ny(), data.binned().grid().pixelArcmin(), dataHash(data));
        for (StudyRealisation.Method method : methods) {
            long t0 = System.nanoTime();
            List<ScheduleSweep.Summary> summaries = new ArrayList<>();
            for (int f : factors) {
                SamplerConfig lengthened = sampler.withSchedule(sampler.schedule().lengthened(f));
                summaries.add(pieces.get(method.name() + "-x" + f, key(tile, method, lengthened, chains), ScheduleSweep.Summary.class,
                        () -> progress(console, method.name() + ": schedule x" + f, ScheduleSweep.Summary.of(
                                new TileProblem(tileId, data, method.prior(), lengthened).sample(0, chains, threads, null), scalars))));
            }
            ScheduleSweep.Result sweep = ScheduleSweep.compare(factors, summaries, scalars.names());
            SamplerConfig extended = sampler.withSchedule(sampler.schedule().withFinalSteps(finalSteps));
            FinalPhaseConvergence.Result fin = pieces.get(method.name() + "-final" + finalSteps, key(tile, method, extended, chains),
                    FinalPhaseConvergence.Result.class, () -> progress(console, method.name() + ": final phase of " + finalSteps,
                            FinalPhaseConvergence.run(new TileProblem(tileId, data, method.prior(), extended), scalars, chains, threads)));
            double seconds = (System.nanoTime() - t0) * 1e-9;
            md.append(sweepTable(method.name(), sweep)).append(finalTable(method.name(), fin, finalSteps));
            md.append(String.format(Locale.ROOT, "%n(%s prior: %.0f s on this machine.)%n", method.name(), seconds));
            Map<String, Object> entry = new LinkedHashMap<>(); // a fixed key order: repeatable files
            entry.put("sweep", sweep);
            entry.put("final_phase", fin);
            entry.put("seconds", seconds);
            json.put(method.name(), entry);
            console.printf(Locale.ROOT, "%s prior: sweep of %d schedules and a final phase of %d iterations done (%.0f s)%n",
                    method.name(), factors.length, finalSteps, seconds);
            console.flush();
        }
        Files.createDirectories(out);
        Files.writeString(out.resolve("convergence.md"), md.toString());
        JsonFiles.write(out.resolve("convergence.json"), json);
    }

    /** Everything a piece depends on besides the code: the tile and its data, the prior, the sampler settings, the chains. */
    private static String key(String tile, StudyRealisation.Method method, SamplerConfig sampler, int chains) {
        return tile + "; prior " + method.name() + " " + method.prior().checksum() + "; " + chains + " chains; " + sampler;
    }

    private static int dataHash(TileData data) {
        var b = data.binned();
        return java.util.Objects.hash(java.util.Arrays.hashCode(b.gamma1()), java.util.Arrays.hashCode(b.gamma2()),
                java.util.Arrays.hashCode(b.inverseNoiseVariance()), data.inferenceGrid().nx(), data.inferenceGrid().ny());
    }

    private static <T> T progress(PrintWriter console, String what, T value) {
        console.printf(Locale.ROOT, "  %s done%n", what);
        console.flush();
        return value;
    }

    static String sweepTable(String prior, ScheduleSweep.Result r) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%n## %s prior: schedule lengthened ×%d as the reference%n%n",
                prior, r.factors()[r.factors().length - 1]));
        b.append("Per-pixel posterior mean: rms shift against the reference in Monte-Carlo errors (≈ 1 when they agree);"
                + " per-pixel std: median ratio; then each scalar's mean shift (z) / std ratio.\n\n");
        b.append(String.format(Locale.ROOT, "A schedule agrees when the mean shift is ≤ %.1f, the std ratio within %.2f of 1 and every"
                + " scalar's |z| ≤ %.0f (`ScheduleSweep.Row.agrees`).%n%n", ScheduleSweep.MAX_MEAN_SHIFT, ScheduleSweep.MAX_STD_DEVIATION,
                ScheduleSweep.MAX_SCALAR_Z));
        b.append("| ×factor | evaluations per sample | chains | acceptance (all / at σ_min) | mean shift | std ratio | agrees |");
        for (String s : r.scalars()) {
            b.append(' ').append(s).append(" |");
        }
        b.append("\n|---|---|---|---|---|---|---|").append("---|".repeat(r.scalars().size())).append('\n');
        for (ScheduleSweep.Row row : r.rows()) {
            b.append(String.format(Locale.ROOT, "| %d | %.0f | %d | %.2f / %.2f | %.2f | %.3f | %s |", row.factor(), row.evaluationsPerSample(),
                    row.chains(), row.acceptance(), row.finalAcceptance(), row.meanShift(), row.stdRatio(), row.agrees() ? "yes" : "no"));
            for (int j = 0; j < row.scalarShift().length; j++) {
                b.append(String.format(Locale.ROOT, " %+.1f / %.2f |", row.scalarShift()[j], row.scalarStdRatio()[j]));
            }
            b.append('\n');
        }
        return b.toString();
    }

    static String finalTable(String prior, FinalPhaseConvergence.Result r, int finalSteps) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "%n### %s prior: final phase extended to %d iterations at σ_min, %d chains%n%n", prior, finalSteps, r.chains()));
        b.append("| scalar | split-R̂ | bulk ESS | mean | std |\n|---|---|---|---|---|\n");
        for (FinalPhaseConvergence.Row row : r.rows()) {
            b.append(String.format(Locale.ROOT, "| %s | %.3f | %.0f | %.4g | %.3g |%n", row.scalar(), row.rhat(), row.ess(), row.mean(),
                    row.std()));
        }
        return b.toString();
    }

    /** Parses "1,3,10,30": ascending factors ≥ 1, at least two. */
    public static int[] factors(String text) {
        List<Integer> f = new ArrayList<>();
        for (String part : text.split(",")) {
            f.add(Integer.parseInt(part.trim()));
        }
        for (int i = 0; i < f.size(); i++) {
            if (f.get(i) < 1 || i > 0 && f.get(i) <= f.get(i - 1)) {
                throw new IllegalArgumentException("schedule factors must be ascending integers >= 1, got " + text);
            }
        }
        if (f.size() < 2) {
            throw new IllegalArgumentException("give at least two schedule factors (the last is the reference), got " + text);
        }
        return f.stream().mapToInt(Integer::intValue).toArray();
    }
}
