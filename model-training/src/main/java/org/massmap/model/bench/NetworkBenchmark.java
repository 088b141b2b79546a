package org.massmap.model.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.massmap.model.Activation;
import org.massmap.model.NetworkConfig;
import org.massmap.model.NetworkWeights;
import org.massmap.model.Nd4jRuntime;
import org.massmap.model.ParameterLayout;
import org.massmap.model.ScoreNetwork;
import org.massmap.model.SigmaDistribution;
import org.massmap.training.LearningRateSchedule;
import org.massmap.training.ShiftedLognormalMaps;
import org.massmap.training.Trainer;
import org.massmap.training.TrainingConfig;
import org.massmap.training.TrainingSetup;

/**
 * Times the score network: inference forward passes per tile size and batch, optional concurrent
 * workers each with its own network copy, and DSM training steps. FLOPs are counted analytically
 * over the convolutions (2·H·W·k²·C_in·C_out each; BN, activations, adds excluded); a training step
 * is counted as 3× the forward FLOPs (forward, and backward for inputs and weights).
 *
 * <p>Arguments as key=value (defaults in brackets): threads [ND4J default], sizes [128,256,360],
 * batches [1,2,4], reps [7], channels [32,64,128,128], blocks [1], activation [RELU],
 * workers [0: one network used by this thread; W: W threads with own copies, batch 1],
 * train-size [64], train-batch [8], train-steps [6] (0 skips training). Reported times are the
 * minimum and median over reps after 2 warm-up passes; the minimum is the least disturbed by other
 * processes sharing the cores. Example:
 * <pre>java -cp "$(cat cp.txt)" org.massmap.model.bench.NetworkBenchmark threads=2 sizes=128,256,360</pre>
 */
public final class NetworkBenchmark {
    private NetworkBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (String s : args) {
            int eq = s.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("arguments are key=value, got '" + s + "'");
            }
            a.put(s.substring(0, eq), s.substring(eq + 1));
        }
        if (a.containsKey("threads")) {
            Nd4jRuntime.configureThreads(Integer.parseInt(a.get("threads")));
        }
        NetworkConfig cfg = new NetworkConfig(ints(a.getOrDefault("channels", "32,64,128,128")),
                Integer.parseInt(a.getOrDefault("blocks", "1")), Activation.valueOf(a.getOrDefault("activation", "RELU")));
        int reps = Integer.parseInt(a.getOrDefault("reps", "7"));
        ParameterLayout layout = ParameterLayout.of(cfg);
        System.out.printf(Locale.ROOT, "network %s: %d parameters, %d BN statistics; ND4J OpenMP threads %d; cores %d%n",
                cfg, layout.parameterCount(), layout.bnStatCount(), Nd4jRuntime.ompThreads(), Runtime.getRuntime().availableProcessors());
        ScoreNetwork net = new ScoreNetwork(cfg, NetworkWeights.initial(layout, 1));
        int workers = Integer.parseInt(a.getOrDefault("workers", "0"));
        System.out.println("size  batch  GFLOP/map   min ms  median ms  ms/map(min)  GFLOP/s(min)  cpu-ms/pass");
        for (int n : ints(a.getOrDefault("sizes", "128,256,360"))) {
            if (workers > 0) {
                concurrent(cfg, layout, n, workers, reps);
                continue;
            }
            for (int b : ints(a.getOrDefault("batches", "1,2,4"))) {
                forward(net, layout, n, b, reps);
            }
        }
        int steps = Integer.parseInt(a.getOrDefault("train-steps", "6"));
        if (steps > 0) {
            training(cfg, layout, Integer.parseInt(a.getOrDefault("train-size", "64")),
                    Integer.parseInt(a.getOrDefault("train-batch", "8")), steps);
        }
    }

    private static void forward(ScoreNetwork net, ParameterLayout layout, int n, int b, int reps) {
        float[] input = random(b * n * n * 3, n);
        double[] wall = new double[reps];
        long cpu0 = cpuNanos();
        for (int r = -2; r < reps; r++) {
            if (r == 0) {
                cpu0 = cpuNanos();
            }
            long t0 = System.nanoTime();
            net.forward(input, b, n, n);
            if (r >= 0) {
                wall[r] = (System.nanoTime() - t0) * 1e-6;
            }
        }
        double cpu = (cpuNanos() - cpu0) * 1e-6 / reps;
        report(n, b, layout.forwardFlops(n, n), wall, cpu);
    }

    private static void concurrent(NetworkConfig cfg, ParameterLayout layout, int n, int workers, int reps) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<ScoreNetwork> copies = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                copies.add(new ScoreNetwork(cfg, NetworkWeights.initial(layout, 1)));
            }
            float[] input = random(n * n * 3, n);
            double[] wall = new double[reps];
            for (int r = -2; r < reps; r++) {
                long t0 = System.nanoTime();
                List<Future<?>> fs = new ArrayList<>();
                for (ScoreNetwork c : copies) {
                    fs.add(pool.submit(() -> c.forward(input, 1, n, n)));
                }
                for (Future<?> f : fs) {
                    f.get();
                }
                if (r >= 0) {
                    wall[r] = (System.nanoTime() - t0) * 1e-6;
                }
            }
            report(n, workers, layout.forwardFlops(n, n), wall, Double.NaN);
            System.out.printf(Locale.ROOT, "      (%d workers, each its own network copy, batch 1)%n", workers);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void training(NetworkConfig cfg, ParameterLayout layout, int n, int batch, int steps) {
        ShiftedLognormalMaps maps = ShiftedLognormalMaps.toy(n, 1.0);
        TrainingConfig tc = TrainingConfig.builder().steps(1_000_000).batchSize(batch).cropSize(n)
                .sigma(new SigmaDistribution(SigmaDistribution.Kind.LOG_UNIFORM, 0, 0.004, 0.2))
                .learningRate(new LearningRateSchedule(LearningRateSchedule.Kind.CONSTANT, 1e-3, 0, 1)).validationMaps(0).build();
        Trainer t = Trainer.create(TrainingSetup.of(cfg, tc, maps.theoryCl(), 1.0), maps, null);
        double[] wall = new double[steps];
        long cpu0 = 0;
        for (int s = -2; s < steps; s++) {
            if (s == 0) {
                cpu0 = cpuNanos();
            }
            long t0 = System.nanoTime();
            t.trainSteps(1, s + 1000L);
            if (s >= 0) {
                wall[s] = (System.nanoTime() - t0) * 1e-6;
            }
        }
        double cpu = (cpuNanos() - cpu0) * 1e-6 / steps;
        double[] sorted = wall.clone();
        Arrays.sort(sorted);
        double flops = 3.0 * layout.forwardFlops(n, n) * batch;
        System.out.printf(Locale.ROOT, "training %d² batch %d: step min %.0f ms, median %.0f ms; %.2f maps/s (min), %.2f maps/s (median);"
                + " ≈%.1f GFLOP/s (3× forward FLOPs, min); cpu %.0f ms/step%n", n, batch, sorted[0], sorted[steps / 2],
                batch / (sorted[0] * 1e-3), batch / (sorted[steps / 2] * 1e-3), flops / (sorted[0] * 1e6), cpu);
    }

    private static void report(int n, int b, long flopsPerMap, double[] wall, double cpu) {
        double[] s = wall.clone();
        Arrays.sort(s);
        double gflop = flopsPerMap * 1e-9;
        System.out.printf(Locale.ROOT, "%4d  %5d  %9.2f  %7.1f  %9.1f  %11.1f  %12.0f  %11.0f%n", n, b, gflop, s[0], s[s.length / 2],
                s[0] / b, gflop * b / (s[0] * 1e-3), cpu);
    }

    private static float[] random(int len, long seed) {
        Random rng = new Random(seed);
        float[] x = new float[len];
        for (int i = 0; i < len; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        return x;
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static List<Integer> ints(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).map(Integer::valueOf).toList();
    }
}
