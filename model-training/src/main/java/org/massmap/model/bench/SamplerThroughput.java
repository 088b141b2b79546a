package org.massmap.model.bench;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.massmap.catalog.BinnedShear;
import org.massmap.config.MapSettings;
import org.massmap.config.SamplerConfig;
import org.massmap.config.Settings;
import org.massmap.config.SurveyConfig;
import org.massmap.grid.SkyPoint;
import org.massmap.lensing.ShearModel;
import org.massmap.model.HybridPriorModel;
import org.massmap.model.ScoreModel;
import org.massmap.pipeline.PriorModel;
import org.massmap.pipeline.TileProblem;
import org.massmap.sampling.ChainResult;
import org.massmap.sampling.TemperedPosterior;
import org.massmap.sim.MockSurvey;
import org.massmap.sim.MockSurveySpec;
import org.massmap.theory.TabulatedConvergenceSpectrum;
import org.massmap.validation.StudyRealisation;

/**
 * Cost of a posterior sample on one mock tile (centred at RA, Dec = 150°, 2°, at the model's pixel
 * size, the survey section's density, σ_e and mask, no halos, embedded with {@code map.embedding-margin}) with the Gaussian and with the hybrid
 * prior, as Markdown tables for docs/benchmarks.md. Written by {@code massmap bench throughput}.
 *
 * <p>Core-seconds are the process's CPU time over the sampling (all threads: ND4J, the FFTs, the
 * chains), so they stay meaningful when other work shares the machine; wall seconds are given too.
 * Each prior's run is repeated and the median reported. A second table says where the time of one
 * score evaluation goes (one lockstep batch of the run's chains on the tile).
 */
public final class SamplerThroughput {
    private SamplerThroughput() {
    }

    /**
     * Samples the tile with each prior and writes the tables.
     *
     * @param out     where the tables go (flushed after each row)
     * @param s       the settings (sampler, survey density, σ_e, mask, simulate.lognormal-shift)
     * @param model   the score model of the hybrid prior; its C_ℓ is the truth's and both priors'
     * @param size    tile side, pixels
     * @param chains  chains (one sample each) per prior and repeat, run on all available processors
     * @param repeats runs per prior; the medians are reported (0: only the table of where one evaluation's time goes)
     */
    public static void write(PrintWriter out, Settings s, ScoreModel model, int size, int chains, int repeats) throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        SamplerConfig sampler = SamplerConfig.from(s);
        double pixel = model.metadata().pixelArcmin();
        var cl = new TabulatedConvergenceSpectrum(model.metadata().prior().ell(), model.metadata().prior().cl(), "model");
        var spec = new MockSurveySpec(size, pixel, new SkyPoint(150, 2), s.positive("survey.galaxies-per-arcmin2"),
                s.positive("survey.sigma-e"), s.positive("simulate.lognormal-shift"), SurveyConfig.mask(s), ShearModel.REDUCED_SHEAR);
        var mock = MockSurvey.generate(spec, MockSurvey.truthSimulator(spec, cl::cl, null), new SplittableRandom(1));
        BinnedShear binned = StudyRealisation.bin(mock, new MapSettings(size, pixel, Optional.empty(), OptionalDouble.empty(), false,
                false, ShearModel.REDUCED_SHEAR));
        PriorModel[] priors = {PriorModel.gaussian(), new HybridPriorModel(model)};
        TileProblem[] problems = new TileProblem[priors.length];
        for (int p = 0; p < priors.length; p++) {
            problems[p] = new TileProblem("bench", binned, ShearModel.REDUCED_SHEAR, cl, MapSettings.from(s).embeddingMargin(), priors[p],
                    sampler);
        }
        if (repeats > 0) {
            out.printf(Locale.ROOT, "| prior | tile | score evaluations / sample | acceptance | core-s / sample (CPU) | s / sample (wall, %d cores)"
                    + " | samples per core-hour |%n|---|---|---|---|---|---|---|%n", cores);
        }
        for (int p = 0; p < priors.length && repeats > 0; p++) {
            double[] cpu = new double[repeats];
            double[] wall = new double[repeats];
            double evals = 0;
            double acceptance = 0;
            for (int r = 0; r < repeats; r++) {
                long c0 = processCpuNanos();
                long t0 = System.nanoTime();
                List<ChainResult> results = problems[p].sample(0, chains, cores, null);
                wall[r] = (System.nanoTime() - t0) * 1e-9 / chains;
                cpu[r] = (processCpuNanos() - c0) * 1e-9 / chains;
                evals = results.stream().mapToLong(x -> x.diagnostics().scoreEvaluations()).average().orElse(0);
                acceptance = results.stream().mapToDouble(x -> x.diagnostics().acceptanceRate()).average().orElse(0);
            }
            double cpuMedian = median(cpu);
            var grid = problems[p].data().embedding().outer();
            out.printf(Locale.ROOT, "| %s | %d² at %.3g′ (inferred on %d×%d) | %.0f | %.2f | %.1f | %.1f | %.0f |%n",
                    priors[p].describe().split(" \\(")[0], size, pixel, grid.nx(), grid.ny(), evals, acceptance, cpuMedian, median(wall), 3600.0 / cpuMedian);
            out.flush();
        }
        writeBreakdown(out, problems, chains, cores);
    }

    /** Median CPU and wall milliseconds of one score evaluation of a batch, by part. */
    private static void writeBreakdown(PrintWriter out, TileProblem[] problems, int chains, int cores) {
        var grid = problems[0].data().embedding().outer(); // the grid the chains run on
        int n = grid.nx() * grid.ny();
        double[][] maps = new double[chains][];
        double[] sigmas = new double[chains];
        SplittableRandom rng = new SplittableRandom(7);
        for (int b = 0; b < chains; b++) {
            maps[b] = new double[n];
            for (int i = 0; i < n; i++) {
                maps[b][i] = 0.02 * rng.nextGaussian();
            }
            sigmas[b] = 0.003;
        }
        double[][] dst = new double[chains][n];
        TemperedPosterior gaussian = problems[0].posterior();
        TemperedPosterior hybrid = problems[1].posterior();
        out.printf(Locale.ROOT, "%nOne score evaluation of a batch of %d maps (medians of 15; CPU ms are the process's, over all threads):%n%n"
                + "| part | CPU ms per map | wall ms per map |%n|---|---|---|%n", chains);
        row(out, "likelihood gradient", chains,
                () -> gaussian.likelihood().gradient(maps, sigmas, dst));
        row(out, "Gaussian prior score", chains, () -> gaussian.prior().score(maps, sigmas, dst));
        row(out, "hybrid prior score (network forward and its transforms)", chains, () -> hybrid.prior().score(maps, sigmas, dst));
        row(out, "posterior score, Gaussian prior", chains, () -> gaussian.score(maps, sigmas, dst));
        row(out, "posterior score, hybrid prior", chains, () -> hybrid.score(maps, sigmas, dst));
        out.flush();
    }

    private static void row(PrintWriter out, String part, int maps, Runnable r) {
        for (int i = 0; i < 3; i++) {
            r.run();
        }
        int reps = 15;
        double[] cpu = new double[reps];
        double[] wall = new double[reps];
        for (int i = 0; i < reps; i++) {
            long c0 = processCpuNanos();
            long t0 = System.nanoTime();
            r.run();
            wall[i] = (System.nanoTime() - t0) * 1e-6 / maps;
            cpu[i] = (processCpuNanos() - c0) * 1e-6 / maps;
        }
        out.printf(Locale.ROOT, "| %s | %.1f | %.1f |%n", part, median(cpu), median(wall));
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : 0.5 * (c[c.length / 2 - 1] + c[c.length / 2]);
    }

    /** CPU time of this process, all threads, in nanoseconds. */
    private static long processCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        throw new IllegalStateException("this JVM does not report process CPU time");
    }
}
