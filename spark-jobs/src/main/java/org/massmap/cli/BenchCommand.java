package org.massmap.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.massmap.catalog.GalaxyChunk;
import org.massmap.catalog.ShapeNoise;
import org.massmap.catalog.ShearAccumulator;
import org.massmap.catalog.ShearBinner;
import org.massmap.config.SamplerConfig;
import org.massmap.config.Settings;
import org.massmap.config.TheoryConfig;
import org.massmap.grid.SkyPoint;
import org.massmap.grid.TileGrid;
import org.massmap.lensing.KaiserSquires;
import org.massmap.lensing.ShearLikelihood;
import org.massmap.lensing.ShearModel;
import org.massmap.prior.GaussianFieldGenerator;
import org.massmap.prior.PowerMap;
import org.massmap.sim.MaskSpec;
import org.massmap.sim.SurveyMask;
import org.massmap.theory.ConvergenceSpectrum;
import org.massmap.validation.SamplerAccuracySweep;
import org.massmap.wiener.GaussianPosterior;
import org.massmap.wiener.WienerResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code massmap bench}: measured speed and accuracy studies whose results go into docs/. Each
 * prints a Markdown table with the machine and the command. Not part of the tests.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks and studies (results for docs/benchmarks.md, docs/sampler.md).",
        subcommands = {BenchCommand.Fft.class, BenchCommand.Binning.class, BenchCommand.Wiener.class, BenchCommand.Sampler.class,
            BenchCommand.Model.class, BenchCommand.Network.class, BenchCommand.Throughput.class, SimulatorBench.class,
            EmbeddingBench.class})
final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static String machine() {
        return String.format(Locale.ROOT, "%d cores visible to the JVM, Java %s, %s %s", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), System.getProperty("os.name"), System.getProperty("os.arch"));
    }

    /** Median of repeated timings, in milliseconds. */
    static double medianMillis(Runnable r, int repeats) {
        for (int i = 0; i < 3; i++) {
            r.run();
        }
        double[] t = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long t0 = System.nanoTime();
            r.run();
            t[i] = (System.nanoTime() - t0) * 1e-6;
        }
        java.util.Arrays.sort(t);
        return t[repeats / 2];
    }

    @Command(name = "ks", mixinStandardHelpOptions = true, description = "Kaiser-Squires forward + inverse at 256², 512², 1024² (one thread).")
    static final class Fft implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--sizes", split = ",", defaultValue = "256,512,1024", paramLabel = "N1,N2,...",
                description = "Map sides (default ${DEFAULT-VALUE}).")
        int[] sizes;

        @Override
        public Integer call() {
            org.massmap.runtime.ThreadSettings.configure(1);
            PrintWriter out = spec.commandLine().getOut();
            out.println("| map | KS forward + inverse (ms, median) | per pixel (ns) |");
            out.println("|---|---|---|");
            List<Runnable> runs = new ArrayList<>();
            for (int n : sizes) {
                if (n < 2) {
                    throw new org.massmap.config.SettingException("--sizes: each side must be at least 2, got " + n);
                }
                KaiserSquires ks = new KaiserSquires(n, n);
                double[] k = new double[n * n];
                SplittableRandom rng = new SplittableRandom(1);
                for (int i = 0; i < k.length; i++) {
                    k[i] = rng.nextGaussian();
                }
                runs.add(() -> {
                    double[][] g = ks.forward(k, null);
                    ks.inverse(g[0], g[1]);
                });
            }
            // every size compiled by the JIT before any is timed: the first size is not charged for it
            for (int i = 0; i < runs.size(); i++) {
                int warm = sizes[i] >= 256 ? 3 : 200;
                for (int w = 0; w < warm; w++) {
                    runs.get(i).run();
                }
            }
            for (int i = 0; i < runs.size(); i++) {
                int n = sizes[i];
                double ms = medianMillis(runs.get(i), n >= 1024 ? 7 : n >= 256 ? 15 : 301); // many repeats of the small sides
                out.printf(Locale.ROOT, "| %d² | %.3f | %.1f |%n", n, ms, ms * 1e6 / (n * (double) n));
            }
            out.println("\nmachine: " + machine());
            return 0;
        }
    }

    @Command(name = "binning", mixinStandardHelpOptions = true, description = "Binning 10⁶ galaxies from memory onto a 360² tile.")
    static final class Binning implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--galaxies", defaultValue = "1000000", description = "Galaxies (default ${DEFAULT-VALUE}).")
        int galaxies;

        @Override
        public Integer call() {
            TileGrid grid = TileGrid.square(360, 0.29, new SkyPoint(150, 2));
            ShearBinner binner = new ShearBinner(grid);
            GalaxyChunk chunk = new GalaxyChunk(galaxies);
            SplittableRandom rng = new SplittableRandom(2);
            double half = 0.87;
            for (int i = 0; i < galaxies; i++) {
                chunk.add(150 + (2 * rng.nextDouble() - 1) * half, 2 + (2 * rng.nextDouble() - 1) * half,
                        0.3 * rng.nextGaussian(), 0.3 * rng.nextGaussian(), 1);
            }
            double ms = medianMillis(() -> {
                ShearAccumulator acc = binner.newAccumulator();
                binner.accumulate(chunk, acc);
                try {
                    binner.finish(acc, ShapeNoise.configured(0.3));
                } catch (org.massmap.catalog.CatalogException e) {
                    throw new IllegalStateException(e);
                }
            }, 9);
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "| galaxies | tile | time (ms, median) | galaxies/s |%n|---|---|---|---|%n| %d | 360² at 0.29′ | %.0f | %.2e |%n",
                    galaxies, ms, galaxies / (ms * 1e-3));
            out.println("\nmachine: " + machine());
            return 0;
        }
    }

    @Command(name = "wiener", mixinStandardHelpOptions = true, description = "Wiener filter at 360² with the COSMOS-like mask, to a 1e-6 relative residual.")
    static final class Wiener implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ConfigOptions config;

        @Override
        public Integer call() throws Exception {
            Settings s = ResolvedConfig.of(spec, config);
            ConvergenceSpectrum cl = TheoryConfig.priorSpectrum(s);
            TileGrid grid = TileGrid.square(360, 0.29, new SkyPoint(150.1, 2.2));
            PowerMap p = PowerMap.fromCl(grid, cl::cl);
            SplittableRandom rng = new SplittableRandom(3);
            double[] truth = new GaussianFieldGenerator(p).draw(rng);
            KaiserSquires ks = new KaiserSquires(360, 360);
            double[][] g = ks.forward(truth, null);
            boolean[] mask = SurveyMask.draw(grid, new MaskSpec(0.74, 10, 20, 0.3, 1.5, 0, 0.2), rng).pixelMask(grid);
            double[] sn = new double[grid.size()];
            java.util.Arrays.fill(sn, 0.148);
            for (int i = 0; i < sn.length; i++) {
                g[0][i] = mask[i] ? g[0][i] + 0.148 * rng.nextGaussian() : 0;
                g[1][i] = mask[i] ? g[1][i] + 0.148 * rng.nextGaussian() : 0;
            }
            GaussianPosterior post = new GaussianPosterior(new ShearLikelihood(ks, g[0], g[1], sn, mask, ShearModel.SHEAR), p, 0);
            WienerResult[] last = new WienerResult[1];
            double ms = medianMillis(() -> last[0] = post.wienerFilter(1e-6, 5000), 5);
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "| map | mask | iterations | relative residual | time (ms, median) |%n|---|---|---|---|---|%n"
                    + "| 360² at 0.29′ | COSMOS-like (%.0f%% observed) | %d | %.1e | %.0f |%n",
                    100.0 * count(mask) / mask.length, last[0].iterations(), last[0].relativeResidual(), ms);
            out.println("\nmachine: " + machine());
            return 0;
        }

        private static int count(boolean[] m) {
            int c = 0;
            for (boolean b : m) {
                c += b ? 1 : 0;
            }
            return c;
        }
    }

    /** {@code massmap bench sampler}: the {@link SamplerAccuracySweep} table, the machine, and the plot if asked. */
    @Command(name = "sampler", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Accuracy of annealed HMC against score evaluations per sample, on a masked tile with the Gaussian prior",
                    "where the exact posterior is known (Wiener mean, constrained-realisation std). Writes a table and PLOT."})
    static final class Sampler implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--size", defaultValue = "64", description = "Tile size (default ${DEFAULT-VALUE}).")
        int size;
        @Option(names = "--chains", defaultValue = "64", description = "Chains per configuration (default ${DEFAULT-VALUE}).")
        int chains;
        @Option(names = "--exact-draws", defaultValue = "400", description = "Constrained realisations for the exact std (default ${DEFAULT-VALUE}).")
        int exactDraws;
        @Option(names = "--plot", description = "PNG of the curve.")
        java.nio.file.Path plot;
        @Mixin
        ConfigOptions config;

        @Override
        public Integer call() throws Exception {
            Settings s = ResolvedConfig.of(spec, config);
            PrintWriter out = spec.commandLine().getOut();
            SamplerAccuracySweep sweep = SamplerAccuracySweep.run(out, s, size, chains, exactDraws);
            out.println("\nmachine: " + machine());
            if (plot != null) {
                sweep.writePlot(plot);
            }
            return 0;
        }
    }

    @Command(name = "model", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Evidence a trained residual learned something (for docs/model.md): held-out DSM loss vs the Gaussian",
                    "score, Tweedie denoising vs Wiener, and hybrid vs Gaussian posterior samples of a mock tile."})
    static final class Model implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--model", defaultValue = "", description = "Model directory or bundled:NAME (default: the bundled model at map.pixel-arcmin).")
        String model;
        @Option(names = "--maps", defaultValue = "64", description = "Held-out maps per sigma (default ${DEFAULT-VALUE}).")
        int maps;
        @Option(names = "--chains", defaultValue = "16", description = "Chains per prior on the mock tile (default ${DEFAULT-VALUE}).")
        int chains;
        @Option(names = "--seed", defaultValue = "20261127", description = "Seed of the held-out data (default ${DEFAULT-VALUE}).")
        long seed;
        @Option(names = "--stability-only", description = {"Only the prior-only samples and the chains started at the simulations",
                "(the same seeds): the quick check of a candidate model."})
        boolean stabilityOnly;
        @Mixin
        ConfigOptions config;

        @Override
        public Integer call() throws Exception {
            Settings s = ResolvedConfig.of(spec, config);
            org.massmap.model.Nd4jRuntime.configureThreads(Runtime.getRuntime().availableProcessors());
            var m = org.massmap.spark.runtime.ModelFetch.load(org.massmap.model.BundledModels.locate(model, org.massmap.config.MapSettings.from(s).pixelArcmin()), new org.apache.hadoop.conf.Configuration());
            if (stabilityOnly) {
                org.massmap.model.bench.ModelReport.writeStability(spec.commandLine().getOut(), s, m, maps, chains, seed);
            } else {
                org.massmap.model.bench.ModelReport.write(spec.commandLine().getOut(), s, m, maps, chains, seed);
            }
            spec.commandLine().getOut().println("\nmachine: " + machine());
            return 0;
        }
    }

    @Command(name = "network", mixinStandardHelpOptions = true,
            description = {"Score-network forward time per map and per batch at 128², 256², 360² and training throughput.",
                    "Extra KEY=VALUE settings: channels=16,32,64,64 sizes=64,128,360 batches=1,4,8 train-size=64 train-batch=8."})
    static final class Network implements Callable<Integer> {
        @Option(names = "--threads", defaultValue = "0", description = "ND4J threads, 0 = all cores (default ${DEFAULT-VALUE}).")
        int threads;
        @picocli.CommandLine.Parameters(paramLabel = "KEY=VALUE", description = "Benchmark settings (see above).")
        List<String> settings = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            List<String> args = new ArrayList<>(settings);
            args.add("threads=" + (threads == 0 ? Runtime.getRuntime().availableProcessors() : threads));
            org.massmap.model.bench.NetworkBenchmark.main(args.toArray(new String[0]));
            return 0;
        }
    }

    @Command(name = "throughput", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Posterior samples per core-hour on one tile with the Gaussian and the hybrid prior (default schedule).")
    static final class Throughput implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--size", defaultValue = "360", description = "Tile side, pixels (default ${DEFAULT-VALUE}).")
        int size;
        @Option(names = "--chains", defaultValue = "4", description = "Chains per prior and repeat (default ${DEFAULT-VALUE}).")
        int chains;
        @Option(names = "--repeats", defaultValue = "3", description = "Runs per prior, medians reported (default ${DEFAULT-VALUE}; 0: only where one evaluation's time goes).")
        int repeats;
        @Mixin
        ConfigOptions config;

        @Override
        public Integer call() throws Exception {
            if (repeats < 0 || chains < 1) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--chains must be at least 1 and --repeats at least 0");
            }
            Settings s = ResolvedConfig.of(spec, config);
            PrintWriter out = spec.commandLine().getOut();
            org.massmap.model.Nd4jRuntime.configureThreads(Runtime.getRuntime().availableProcessors());
            org.massmap.runtime.ThreadSettings.configure(1);
            var model = org.massmap.spark.runtime.ModelFetch.load(org.massmap.model.BundledModels.locate(SamplerConfig.from(s).model(),
                    org.massmap.config.MapSettings.from(s).pixelArcmin()), new org.apache.hadoop.conf.Configuration());
            org.massmap.model.bench.SamplerThroughput.write(out, s, model, size, chains, repeats);
            out.println("\nmachine: " + machine());
            return 0;
        }
    }
}
