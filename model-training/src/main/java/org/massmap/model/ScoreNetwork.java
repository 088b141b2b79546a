package org.massmap.model;

import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The score network in inference mode: batch normalisation uses running statistics (folded into the
 * convolutions), so each map's output is independent of the rest of its batch.
 *
 * <p>Thread safety: a SameDiff session is not safe for concurrent use, so each concurrent caller
 * runs its own graph of the same weights, taken from a small pool built on demand. At most
 * cores / (ND4J threads) graphs run at once, read when the instance is made: with one ND4J thread
 * per task (the Spark job) two tasks on two cores each run a pass at the same time, as fast per map
 * as one pass on two ND4J threads (model-training/README.md) and without the latter's OpenMP team
 * waiting on a descheduled member when other threads share the cores; with ND4J on every core (the
 * single-process commands) one pass runs at a time, as before. Keep one instance per JVM.
 */
public final class ScoreNetwork {
    private final NetworkConfig config;
    private final NetworkWeights weights;
    private final ConcurrentLinkedDeque<SameDiff> idle = new ConcurrentLinkedDeque<>();
    private final int concurrency;
    private final Semaphore running;

    public ScoreNetwork(NetworkConfig config, NetworkWeights weights) {
        this(config, weights, Math.max(1, Runtime.getRuntime().availableProcessors() / Math.max(1, Nd4jRuntime.ompThreads())));
    }

    /** With an explicit bound on concurrent passes (tests). */
    ScoreNetwork(NetworkConfig config, NetworkWeights weights, int concurrency) {
        weights.requireLayout(ParameterLayout.of(config));
        if (concurrency < 1) {
            throw new IllegalArgumentException("network concurrency must be >= 1, got " + concurrency);
        }
        this.config = config;
        this.weights = weights;
        this.idle.add(graph());
        this.concurrency = concurrency;
        this.running = new Semaphore(concurrency);
    }

    private SameDiff graph() {
        return UNetGraph.inference(config, weights.parameters(), weights.bnStats()).sameDiff();
    }

    /** How many passes may run at once. */
    public int concurrency() {
        return concurrency;
    }

    public NetworkConfig config() {
        return config;
    }

    public NetworkWeights weights() {
        return weights;
    }

    /**
     * Runs the network.
     *
     * @param input [batch, ny, nx, 3] NHWC, built by {@link InputEncoding#encode}
     * @return [batch, ny, nx] raw outputs (σ·r_θ: divide by σ for the residual score)
     */
    public float[] forward(float[] input, int batch, int ny, int nx) {
        config.requireTileShape(ny, nx);
        long expected = (long) batch * ny * nx * NetworkConfig.INPUT_CHANNELS;
        if (input.length != expected) {
            throw new IllegalArgumentException("network input has " + input.length + " values, expected " + expected
                    + " for " + batch + " maps of " + nx + "x" + ny + " with " + NetworkConfig.INPUT_CHANNELS + " channels");
        }
        running.acquireUninterruptibly();
        SameDiff graph = idle.pollFirst();
        try {
            if (graph == null) {
                graph = graph();
            }
            INDArray in = Nd4j.create(input, new long[] {batch, ny, nx, NetworkConfig.INPUT_CHANNELS}, 'c');
            INDArray out = graph.output(Map.of(UNetGraph.INPUT, in), UNetGraph.OUTPUT).get(UNetGraph.OUTPUT);
            return NdArrays.toFloats(out, (long) batch * ny * nx);
        } finally {
            if (graph != null) {
                idle.offerFirst(graph);
            }
            running.release();
        }
    }
}
