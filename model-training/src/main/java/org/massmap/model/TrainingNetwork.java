package org.massmap.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.massmap.fft.Fft2;
import org.massmap.model.ParameterLayout.Entry;
import org.massmap.prior.PowerMap;
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
 * <p>With {@link ResidualScaling#WIENER} the loss is mean((H·W_σ·net_out + target)²), W_σ depending on
 * each map's σ and on the Gaussian part's power P per mode, which no graph op expresses; the loss is
 * then computed here by FFT from a forward pass, and its gradient with respect to net_out,
 * 2/N·H·W_σ·(H·W_σ·net_out + target), is fed back to the graph, whose loss variable is
 * sum(net_out ⊙ that gradient) (one more forward pass per step).
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
    private final boolean externalLoss;
    private final ResidualWindow window;
    private final double pixelRad;
    private final Map<Integer, INDArray> lowPass = new HashMap<>();
    private final ResidualScaling scaling;
    private final PowerMap power;

    /** A network without a residual window (the loss sees the raw output). */
    public TrainingNetwork(NetworkConfig config, float[] parameters) {
        this(config, parameters, ResidualWindow.NONE, 1.0);
    }

    /**
     * @param window      the residual window applied to the output inside the loss
     * @param pixelArcmin pixel side of the training maps, arcmin (where the window's ℓ falls on the grid)
     */
    public TrainingNetwork(NetworkConfig config, float[] parameters, ResidualWindow window, double pixelArcmin) {
        this(config, parameters, window, pixelArcmin, ResidualScaling.SIGMA, null);
    }

    /**
     * @param scaling how the output becomes the residual ({@link ResidualScaling#WIENER} needs {@code power})
     * @param power   the Gaussian part's power per mode on the training maps (pixel units), or null for σ scaling
     */
    public TrainingNetwork(NetworkConfig config, float[] parameters, ResidualWindow window, double pixelArcmin,
                           ResidualScaling scaling, PowerMap power) {
        this(config, parameters, window, pixelArcmin, scaling, power, scaling != ResidualScaling.SIGMA);
    }

    /** @param externalLoss compute the loss outside the graph even for σ scaling (tests: both paths agree) */
    TrainingNetwork(NetworkConfig config, float[] parameters, ResidualWindow window, double pixelArcmin,
                    ResidualScaling scaling, PowerMap power, boolean externalLoss) {
        if (scaling == ResidualScaling.WIENER && power == null) {
            throw new IllegalArgumentException("the Wiener residual scaling needs the Gaussian part's power map");
        }
        this.window = window;
        this.pixelRad = Math.toRadians(pixelArcmin / 60);
        this.config = config;
        this.layout = ParameterLayout.of(config);
        this.scaling = scaling;
        this.power = power;
        UNetGraph g = externalLoss ? UNetGraph.trainingWithExternalLoss(config, parameters) : UNetGraph.training(config, parameters);
        this.graph = g.sameDiff();
        this.trainable = List.copyOf(g.trainableNames());
        this.moments = List.copyOf(g.momentOutputs());
        List<String> out = new ArrayList<>();
        out.add(externalLoss ? UNetGraph.OUTPUT : UNetGraph.LOSS);
        out.addAll(moments);
        this.outputs = List.copyOf(out);
        this.externalLoss = externalLoss;
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
     * @param sigmas σ of each map (used by the Wiener scaling)
     */
    public Step step(float[] input, float[] target, double[] sigmas, int batch, int ny, int nx) {
        config.requireTileShape(ny, nx);
        int npix = batch * ny * nx;
        if (input.length != npix * NetworkConfig.INPUT_CHANNELS || target.length != npix || sigmas.length != batch) {
            throw new IllegalArgumentException("batch arrays have " + input.length + " input, " + target.length + " target values and "
                    + sigmas.length + " sigmas, expected " + npix * NetworkConfig.INPUT_CHANNELS + ", " + npix + " and " + batch);
        }
        INDArray in = Nd4j.create(input, new long[] {batch, ny, nx, NetworkConfig.INPUT_CHANNELS}, 'c');
        if (externalLoss) {
            return externalStep(in, target, sigmas, batch, ny, nx);
        }
        Map<String, INDArray> feed = new HashMap<>();
        feed.put(UNetGraph.INPUT, in);
        feed.put(UNetGraph.TARGET, Nd4j.create(target, new long[] {batch, ny, nx, 1}, 'c'));
        feed.put(UNetGraph.LOW_PASS_X, lowPass(nx));
        feed.put(UNetGraph.LOW_PASS_Y, lowPass(ny));
        OutAndGrad r = graph.calculateGradientsAndOutputs(feed, outputs, trainable);
        double loss = r.getOutputs().get(UNetGraph.LOSS).getDouble(0);
        return new Step(loss, gradients(r.getGradients()), moments(r.getOutputs()));
    }

    /** Forward pass, loss and dL/d(net_out) by FFT, then the parameter gradient from the fed-back upstream gradient. */
    private Step externalStep(INDArray in, float[] target, double[] sigmas, int batch, int ny, int nx) {
        // the forward pass of the gradient session (the plain output() session's loss differs by ~0.4%
        // in ND4J M2.1, measured), with a zero upstream gradient: net_out and the moments only
        Map<String, INDArray> zero = new HashMap<>();
        zero.put(UNetGraph.INPUT, in);
        zero.put(UNetGraph.UPSTREAM, Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, batch, ny, nx, 1));
        Map<String, INDArray> first = graph.calculateGradientsAndOutputs(zero, outputs, List.of()).getOutputs();
        int n = ny * nx;
        float[] net = NdArrays.toFloats(first.get(UNetGraph.OUTPUT), (long) batch * n);
        ResidualWindow.Filter h = window.filter(ny, nx, pixelRad);
        Fft2 fft = new Fft2(nx, ny);
        double total = (double) batch * n;
        double loss = 0;
        float[] upstream = new float[batch * n];
        double[] map = new double[n];
        double[] spectrum = new double[2 * n];
        double[] back = new double[n];
        for (int b = 0; b < batch; b++) {
            double[] gain = scaling.outputGains(h, power, sigmas[b]);
            for (int i = 0; i < n; i++) {
                map[i] = net[b * n + i];
            }
            fft.filterReal(map, gain, spectrum, back); // σ·r_θ = H·W_σ·net_out
            for (int i = 0; i < n; i++) {
                double e = back[i] + target[b * n + i];
                loss += e * e / total;
                map[i] = e;
            }
            fft.filterReal(map, gain, spectrum, back); // the filter is real and symmetric: its adjoint is itself
            for (int i = 0; i < n; i++) {
                upstream[b * n + i] = (float) (2 * back[i] / total);
            }
        }
        Map<String, INDArray> feed = new HashMap<>();
        feed.put(UNetGraph.INPUT, in);
        feed.put(UNetGraph.UPSTREAM, Nd4j.create(upstream, new long[] {batch, ny, nx, 1}, 'c'));
        Map<String, INDArray> grads = graph.calculateGradients(feed, trainable);
        return new Step(loss, gradients(grads), moments(first));
    }

    private float[] gradients(Map<String, INDArray> byName) {
        float[] grad = new float[layout.parameterCount()];
        for (Entry e : layout.entries()) {
            float[] g = NdArrays.toFloats(byName.get(e.name()), e.length());
            System.arraycopy(g, 0, grad, e.offset(), e.length());
        }
        return grad;
    }

    private float[] moments(Map<String, INDArray> outs) {
        float[] mom = new float[layout.bnStatCount()];
        int o = 0;
        for (String m : moments) {
            INDArray a = outs.get(m);
            float[] v = NdArrays.toFloats(a, a.length());
            System.arraycopy(v, 0, mom, o, v.length);
            o += v.length;
        }
        return mom;
    }
}
