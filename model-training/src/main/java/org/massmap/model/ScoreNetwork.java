package org.massmap.model;

import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The score network in inference mode: batch normalisation uses running statistics (folded into the
 * convolutions), so each map's output is independent of the rest of its batch.
 *
 * <p>Thread safety: one SameDiff graph per instance, and {@link #forward} is {@code synchronized}
 * (a SameDiff session is not safe for concurrent use). ND4J already spreads one forward pass over all
 * of its OpenMP threads; measured on 2 cores, two threads each with a graph of its own and one
 * ND4J thread were no faster than one shared instance with two ND4J threads and batched maps (and
 * need twice the memory; the Spark demo was no faster either, docs/benchmarks.md), so keep one
 * instance per JVM and batch the chains.
 */
public final class ScoreNetwork {
    private final NetworkConfig config;
    private final NetworkWeights weights;
    private final SameDiff graph;

    public ScoreNetwork(NetworkConfig config, NetworkWeights weights) {
        weights.requireLayout(ParameterLayout.of(config));
        this.config = config;
        this.weights = weights;
        this.graph = UNetGraph.inference(config, weights.parameters(), weights.bnStats()).sameDiff();
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
    public synchronized float[] forward(float[] input, int batch, int ny, int nx) {
        config.requireTileShape(ny, nx);
        long expected = (long) batch * ny * nx * NetworkConfig.INPUT_CHANNELS;
        if (input.length != expected) {
            throw new IllegalArgumentException("network input has " + input.length + " values, expected " + expected
                    + " for " + batch + " maps of " + nx + "x" + ny + " with " + NetworkConfig.INPUT_CHANNELS + " channels");
        }
        INDArray in = Nd4j.create(input, new long[] {batch, ny, nx, NetworkConfig.INPUT_CHANNELS}, 'c');
        INDArray out = graph.output(Map.of(UNetGraph.INPUT, in), UNetGraph.OUTPUT).get(UNetGraph.OUTPUT);
        return NdArrays.toFloats(out, (long) batch * ny * nx);
    }
}
