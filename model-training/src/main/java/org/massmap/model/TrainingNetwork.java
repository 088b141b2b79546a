package org.massmap.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.massmap.model.ParameterLayout.Entry;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The score network in training mode: one call computes the denoising-score-matching loss of a batch
 * (Remy et al. 2020, eq. 3: mean over pixels and batch of (H·net_out + u + σ·s_th,σ(x'))², where
 * H·net_out = σ·r_θ(x', σ) and H is the {@link ResidualWindow}'s high-pass), its gradient with respect to every trainable parameter (flat, in
 * {@link ParameterLayout} order) and the batch mean and variance seen by each batch normalisation
 * (for the running statistics). The optimiser lives outside (see {@code org.massmap.training}).
 *
 * <p>Not thread-safe: one instance per training thread.
 */
public final class TrainingNetwork {

    /**
     * Result of one forward/backward pass.
     *
     * @param loss         the mean squared DSM residual of the batch
     * @param gradient     ∂loss/∂θ in layout order
     * @param batchMoments per BN layer: batch mean [channels] then batch variance [channels]
     */
    public record Step(double loss, float[] gradient, float[] batchMoments) { }

    private final NetworkConfig config;
    private final ParameterLayout layout;
    private final SameDiff graph;
    private final List<String> trainable;
    private final List<String> moments;
    private final List<String> outputs;
    private final ResidualWindow window;
    private final double pixelRad;
    private final Map<Integer, INDArray> lowPass = new HashMap<>();

    /** A network without a residual window (the loss sees the raw output). */
    public TrainingNetwork(NetworkConfig config, float[] parameters) {
        this(config, parameters, ResidualWindow.NONE, 1.0);
    }

    /**
     * @param window      the residual window applied to the output inside the loss
     * @param pixelArcmin pixel side of the training maps, arcmin (where the window's ℓ falls on the grid)
     */
    public TrainingNetwork(NetworkConfig config, float[] parameters, ResidualWindow window, double pixelArcmin) {
        this.window = window;
        this.pixelRad = Math.toRadians(pixelArcmin / 60);
        this.config = config;
        this.layout = ParameterLayout.of(config);
        UNetGraph g = UNetGraph.training(config, parameters);
        this.graph = g.sameDiff();
        this.trainable = List.copyOf(g.trainableNames());
        this.moments = List.copyOf(g.momentOutputs());
        List<String> out = new ArrayList<>();
        out.add(UNetGraph.LOSS);
        out.addAll(moments);
        this.outputs = List.copyOf(out);
    }

    public NetworkConfig config() {
        return config;
    }

    public ParameterLayout layout() {
        return layout;
    }

    /** Overwrites every trainable parameter (layout order). */
    public void setParameters(float[] parameters) {
        if (parameters.length != layout.parameterCount()) {
            throw new IllegalArgumentException("parameter vector has " + parameters.length + " values, the network needs " + layout.parameterCount());
        }
        for (Entry e : layout.entries()) {
            float[] slice = java.util.Arrays.copyOfRange(parameters, e.offset(), e.offset() + e.length());
            graph.getVariable(e.name()).getArr().assign(Nd4j.create(slice, e.shape(), 'c'));
        }
    }

    private INDArray lowPass(int n) {
        return lowPass.computeIfAbsent(n, k -> Nd4j.create(window.lowPassMatrix(k, pixelRad), new long[] {k, k}, 'c'));
    }

    /**
     * Loss, gradient and BN batch moments of one batch.
     *
     * @param input  [batch, ny, nx, 3] NHWC network input ({@link InputEncoding})
     * @param target [batch, ny, nx] u + σ·s_th,σ(x') per pixel
     */
    public Step step(float[] input, float[] target, int batch, int ny, int nx) {
        config.requireTileShape(ny, nx);
        int npix = batch * ny * nx;
        if (input.length != npix * NetworkConfig.INPUT_CHANNELS || target.length != npix) {
            throw new IllegalArgumentException("batch arrays have " + input.length + " input and " + target.length
                    + " target values, expected " + npix * NetworkConfig.INPUT_CHANNELS + " and " + npix);
        }
        Map<String, INDArray> feed = new HashMap<>();
        feed.put(UNetGraph.INPUT, Nd4j.create(input, new long[] {batch, ny, nx, NetworkConfig.INPUT_CHANNELS}, 'c'));
        feed.put(UNetGraph.TARGET, Nd4j.create(target, new long[] {batch, ny, nx, 1}, 'c'));
        feed.put(UNetGraph.LOW_PASS_X, lowPass(nx));
        feed.put(UNetGraph.LOW_PASS_Y, lowPass(ny));
        OutAndGrad r = graph.calculateGradientsAndOutputs(feed, outputs, trainable);
        float[] grad = new float[layout.parameterCount()];
        for (Entry e : layout.entries()) {
            float[] g = NdArrays.toFloats(r.getGradients().get(e.name()), e.length());
            System.arraycopy(g, 0, grad, e.offset(), e.length());
        }
        float[] mom = new float[layout.bnStatCount()];
        int o = 0;
        for (String m : moments) {
            INDArray a = r.getOutputs().get(m);
            float[] v = NdArrays.toFloats(a, a.length());
            System.arraycopy(v, 0, mom, o, v.length);
            o += v.length;
        }
        double loss = r.getOutputs().get(UNetGraph.LOSS).getDouble(0);
        return new Step(loss, grad, mom);
    }
}
