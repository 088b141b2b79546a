package org.massmap.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.massmap.model.ParameterLayout.Conv;
import org.massmap.model.ParameterLayout.Init;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Builds the residual U-Net of a {@link NetworkConfig} as a SameDiff graph in NHWC layout, in one of
 * two modes sharing one construction walk (so both, and the {@link ParameterLayout}, always agree):
 * <ul>
 *   <li>TRAINING: parameters are SameDiff variables, batch normalisation uses the batch's own mean
 *       and variance over (batch, y, x), which are also exposed as outputs so the trainer can update
 *       the running statistics; a placeholder {@value #TARGET} and the scalar loss
 *       {@value #LOSS} = mean((H·net_out + target)²) are added (eq. 3 with target = u + σ·s_th,σ(x')
 *       and H the residual window's high-pass, see {@link ResidualWindow}).</li>
 *   <li>INFERENCE: batch normalisation uses the running statistics and is folded into the preceding
 *       convolution (w' = w·γ/√(v+ε), b' = β − m·γ/√(v+ε)), so a map's output never depends on the
 *       other maps of its batch; parameters are constants.</li>
 * </ul>
 * Placeholder {@value #INPUT} is [batch, ny, nx, 3]; output {@value #OUTPUT} is [batch, ny, nx, 1].
 *
 * <p><b>Periodic boundaries.</b> Every convolution treats the map as a torus, like the FFT-based
 * Gaussian part of the prior: its input is extended circularly (the last rows/columns copied before
 * the first and the first after the last, built from slices and concatenation since SameDiff has no
 * circular padding mode) and the convolution itself is VALID. A 3×3 stride-1 convolution gets one
 * pixel each side; a 3×3 stride-2 one gets one pixel on the high side, so output pixel i reads input
 * pixels 2i, 2i+1, 2i+2 (mod n). The network is then exactly equivariant to periodic shifts of the
 * map by multiples of 2^scales, and has no edge: it sees in training (whole periodic maps) the same
 * geometry it sees when sampling a periodic tile.
 */
final class UNetGraph {
    static final String INPUT = "input";
    static final String TARGET = "target";
    static final String LOW_PASS_X = "low_pass_x";
    static final String LOW_PASS_Y = "low_pass_y";
    static final String OUTPUT = "net_out";
    static final String LOSS = "loss";
    static final String UPSTREAM = "upstream";
    static final double BN_EPSILON = 1e-5;

    /**
     * TRAINING: batch statistics and the DSM loss {@value #LOSS} in the graph; TRAINING_EXTERNAL_LOSS:
     * batch statistics, and the loss is computed outside the graph from {@value #OUTPUT}, whose
     * gradient dL/d(net_out) is fed back as placeholder {@value #UPSTREAM} [B, ny, nx, 1]: the graph's
     * loss variable is sum(net_out ⊙ upstream), whose parameter gradient is dL/dθ by the chain rule;
     * INFERENCE: running statistics folded into the convolutions.
     */
    enum Mode { TRAINING, TRAINING_EXTERNAL_LOSS, INFERENCE }

    private final SameDiff sd = SameDiff.create();
    private final NetworkConfig config;
    private final Mode mode;
    private final float[] params;
    private final float[] bnStats;
    private final ParameterLayout.Recorder recorder = new ParameterLayout.Recorder();
    private final List<String> trainable = new ArrayList<>();
    private final List<String> momentOutputs = new ArrayList<>();
    private int paramCursor;
    private int statCursor;

    private UNetGraph(NetworkConfig config, Mode mode, float[] params, float[] bnStats) {
        this.config = config;
        this.mode = mode;
        this.params = params;
        this.bnStats = bnStats;
        build();
        if (params != null && paramCursor != params.length) {
            throw new IllegalArgumentException("parameter vector has " + params.length + " values but the network "
                    + config + " needs " + paramCursor);
        }
        if (bnStats != null && statCursor != bnStats.length) {
            throw new IllegalArgumentException("batch-norm statistics vector has " + bnStats.length + " values but the network "
                    + config + " needs " + statCursor);
        }
    }

    static ParameterLayout record(NetworkConfig config) {
        return new UNetGraph(config, Mode.TRAINING, null, null).recorder.build();
    }

    static UNetGraph training(NetworkConfig config, float[] params) {
        return new UNetGraph(config, Mode.TRAINING, params, null);
    }

    /** The training graph whose loss is computed outside it (see {@link Mode#TRAINING_EXTERNAL_LOSS}). */
    static UNetGraph trainingWithExternalLoss(NetworkConfig config, float[] params) {
        return new UNetGraph(config, Mode.TRAINING_EXTERNAL_LOSS, params, null);
    }

    static UNetGraph inference(NetworkConfig config, float[] params, float[] bnStats) {
        return new UNetGraph(config, Mode.INFERENCE, params, bnStats);
    }

    SameDiff sameDiff() {
        return sd;
    }

    /** Names of the trainable variables, in layout order (TRAINING mode). */
    List<String> trainableNames() {
        return trainable;
    }

    /** Names of the batch mean and variance outputs, [mean0, var0, mean1, var1, ...] (TRAINING mode). */
    List<String> momentOutputs() {
        return momentOutputs;
    }

    private void build() {
        int levels = config.channels().size();
        SDVariable x = sd.placeHolder(INPUT, DataType.FLOAT, -1, -1, -1, NetworkConfig.INPUT_CHANNELS);
        x = act(convBn("stem", x, 3, 1, NetworkConfig.INPUT_CHANNELS, config.width(0), 0));
        List<SDVariable> skips = new ArrayList<>();
        for (int l = 0; l < levels; l++) {
            for (int b = 0; b < config.blocksPerScale(); b++) {
                x = residualBlock("down" + l + "/block" + b, x, config.width(l), config.width(l), l);
            }
            if (l < levels - 1) {
                skips.add(x);
                x = act(convBn("down" + l + "/stride2", x, 3, 2, config.width(l), config.width(l + 1), l + 1));
            }
        }
        for (int l = levels - 2; l >= 0; l--) {
            x = upsample2x(x);
            x = act(convBn("up" + l + "/upconv", x, 3, 1, config.width(l + 1), config.width(l), l));
            x = sd.concat(3, x, skips.get(l));
            x = residualBlock("up" + l + "/block0", x, 2 * config.width(l), config.width(l), l);
            for (int b = 1; b < config.blocksPerScale(); b++) {
                x = residualBlock("up" + l + "/block" + b, x, config.width(l), config.width(l), l);
            }
        }
        // output convolution, zero-initialised so that r_θ starts at exactly 0 (the Gaussian score)
        int c0 = config.width(0);
        long[] wShape = {3, 3, c0, 1};
        SDVariable w = param("out/w", wShape, Init.ZERO, 9 * c0);
        SDVariable bias = param("out/b", new long[] {1}, Init.ZERO, 1);
        recorder.conv(new Conv("out", 3, 1, c0, 1, 0));
        SDVariable out = sd.cnn().conv2d(OUTPUT, circular(x, 3, 1), w, bias, convConfig(3, 1));
        if (mode == Mode.TRAINING) {
            SDVariable target = sd.placeHolder(TARGET, DataType.FLOAT, -1, -1, -1, 1);
            SDVariable diff = highPass(out).add(target);
            SDVariable loss = diff.mul(diff).mean(LOSS);
            sd.setLossVariables(loss);
        } else if (mode == Mode.TRAINING_EXTERNAL_LOSS) {
            SDVariable upstream = sd.placeHolder(UPSTREAM, DataType.FLOAT, -1, -1, -1, 1);
            sd.setLossVariables(out.mul(upstream).sum(LOSS));
        }
    }

    /**
     * The residual window's high-pass of the [B, ny, nx, 1] output, y − G_y·y·G_x, with the one-axis
     * low-pass matrices fed as placeholders {@value #LOW_PASS_Y} [ny, ny] and {@value #LOW_PASS_X}
     * [nx, nx] (symmetric; zeros for no restriction), so the loss sees σ r_θ = H·net_out exactly as
     * {@code HybridScore} applies it.
     */
    private SDVariable highPass(SDVariable y) {
        SDVariable gx = sd.placeHolder(LOW_PASS_X, DataType.FLOAT, -1, -1);
        SDVariable gy = sd.placeHolder(LOW_PASS_Y, DataType.FLOAT, -1, -1);
        SDVariable shape = y.shape();
        SDVariable b = shape.get(SDIndex.point(0));
        SDVariable h = shape.get(SDIndex.point(1));
        SDVariable w = shape.get(SDIndex.point(2));
        SDVariable one = sd.constant(Nd4j.scalar(DataType.LONG, 1));
        SDVariable alongX = sd.mmul(sd.reshape(y, sd.stack(0, b.mul(h), w)), gx);            // [B·ny, nx]·G_x
        SDVariable transposed = sd.permute(sd.reshape(alongX, sd.stack(0, b, h, w)), 0, 2, 1); // [B, nx, ny]
        SDVariable alongY = sd.mmul(sd.reshape(transposed, sd.stack(0, b.mul(w), h)), gy);    // [B·nx, ny]·G_y
        SDVariable low = sd.permute(sd.reshape(alongY, sd.stack(0, b, w, h)), 0, 2, 1);        // [B, ny, nx]
        return y.sub(sd.reshape(low, sd.stack(0, b, h, w, one)));
    }

    /**
     * Nearest-neighbour ×2 upsampling in NHWC. ND4J 1.0.0-M2.1's upsampling2d back-propagates wrongly
     * for NHWC (checked against finite differences), so TRAINING mode builds the same map from
     * reshape and concat, whose gradients are right; INFERENCE mode uses the native op.
     */
    private SDVariable upsample2x(SDVariable x) {
        if (mode == Mode.INFERENCE) {
            return sd.cnn().upsampling2d(x, 2, 2, false);
        }
        SDVariable shape = x.shape();
        SDVariable b = shape.get(SDIndex.point(0));
        SDVariable h = shape.get(SDIndex.point(1));
        SDVariable w = shape.get(SDIndex.point(2));
        SDVariable c = shape.get(SDIndex.point(3));
        SDVariable one = sd.constant(Nd4j.scalar(DataType.LONG, 1));
        SDVariable two = sd.constant(Nd4j.scalar(DataType.LONG, 2));
        SDVariable x6 = sd.reshape(x, sd.stack(0, b, h, one, w, one, c)); // [B, h, 1, w, 1, C]
        SDVariable t = sd.concat(4, x6, x6);                                // [B, h, 1, w, 2, C]
        t = sd.concat(2, t, t);                                             // [B, h, 2, w, 2, C]
        return sd.reshape(t, sd.stack(0, b, h.mul(two), w.mul(two), c));
    }

    private SDVariable residualBlock(String name, SDVariable x, int in, int out, int level) {
        SDVariable h = act(convBn(name + "/conv1", x, 3, 1, in, out, level));
        h = convBn(name + "/conv2", h, 3, 1, out, out, level);
        SDVariable shortcut = in == out ? x : convBn(name + "/proj", x, 1, 1, in, out, level);
        return act(h.add(shortcut));
    }

    private SDVariable act(SDVariable x) {
        return config.activation().apply(sd, x);
    }

    /** conv (no bias) → batch norm, at the given output resolution level. */
    private SDVariable convBn(String name, SDVariable x, int k, int stride, int in, int out, int outLevel) {
        long[] wShape = {k, k, in, out};
        recorder.conv(new Conv(name, k, stride, in, out, outLevel));
        recorder.bn(out);
        Conv2DConfig cc = convConfig(k, stride);
        if (mode != Mode.INFERENCE) {
            SDVariable w = param(name + "/w", wShape, Init.HE_NORMAL, k * k * in);
            SDVariable gamma = param(name + "/bn/gamma", new long[] {out}, Init.ONE, 1);
            SDVariable beta = param(name + "/bn/beta", new long[] {out}, Init.ZERO, 1);
            SDVariable y = sd.cnn().conv2d(name, circular(x, k, stride), w, cc);
            // batch moments over (batch, y, x) as [C] vectors (biased variance)
            SDVariable mean = y.mean(name + "/bn/mean", false, 0, 1, 2);
            SDVariable var = sd.variance(name + "/bn/var", y, false, 0, 1, 2);
            momentOutputs.add(mean.name());
            momentOutputs.add(var.name());
            SDVariable scale = sd.math().rsqrt(var.add(BN_EPSILON)).mul(gamma); // a = γ/√(var+ε)
            SDVariable shift = beta.sub(mean.mul(scale));                       // b = β − mean·a
            // y·a + b as a 1×1 depthwise convolution with bias: same values, but its gradient runs
            // ~4× faster in ND4J M2.1 than a broadcast multiply's (measured), and BN was the bulk of a step
            return sd.cnn().depthWiseConv2d(name + "/bn/affine", y, scale.reshape(1, 1, out, 1), shift, convConfig(1, 1));
        }
        float[] w = take(name + "/w", wShape, Init.HE_NORMAL, k * k * in);
        float[] gamma = take(name + "/bn/gamma", new long[] {out}, Init.ONE, 1);
        float[] beta = take(name + "/bn/beta", new long[] {out}, Init.ZERO, 1);
        float[] mean = stat(out);
        float[] var = stat(out);
        float[] bias = new float[out];
        for (int o = 0; o < out; o++) {
            double s = gamma[o] / Math.sqrt(var[o] + BN_EPSILON);
            bias[o] = (float) (beta[o] - mean[o] * s);
            for (int i = o; i < w.length; i += out) {
                w[i] = (float) (w[i] * s);
            }
        }
        return sd.cnn().conv2d(name, circular(x, k, stride), sd.constant(name + "/w", array(w, wShape)),
                sd.constant(name + "/b", array(bias, new long[] {out})), cc);
    }

    /**
     * x extended circularly on both spatial axes for a k×k VALID convolution of the given stride:
     * (k − 1)/2 pixels each side at stride 1; k − 2 pixels on the high side at stride 2 (so an even
     * side n gives n/2 outputs, output i centred on input 2i + 1).
     */
    private SDVariable circular(SDVariable x, int k, int stride) {
        int lo = stride == 1 ? (k - 1) / 2 : 0;
        int hi = stride == 1 ? (k - 1) / 2 : k - 2;
        if (lo == 0 && hi == 0) {
            return x;
        }
        return wrapAxis(wrapAxis(x, 1, lo, hi), 2, lo, hi);
    }

    /** Concatenates the last {@code lo} and first {@code hi} slices of {@code axis} around x. */
    private SDVariable wrapAxis(SDVariable x, int axis, int lo, int hi) {
        List<SDVariable> parts = new ArrayList<>(3);
        if (lo > 0) {
            parts.add(slice(x, axis, -lo, 0)); // x[..., n − lo:, ...]
        }
        parts.add(x);
        if (hi > 0) {
            parts.add(slice(x, axis, 0, hi)); // x[..., :hi, ...]
        }
        return sd.concat(axis, parts.toArray(new SDVariable[0]));
    }

    /**
     * x[begin:end] on one NHWC axis, everything on the others; a negative begin counts from the end
     * and end 0 means "to the end" (strided slice with begin/end masks: the sides are not known when
     * the graph is built).
     */
    private SDVariable slice(SDVariable x, int axis, int begin, int end) {
        long[] b = new long[4];
        long[] e = new long[4];
        b[axis] = begin;
        e[axis] = end;
        int others = 0b1111 & ~(1 << axis);
        int endMask = end == 0 ? 0b1111 : others;
        return sd.stridedSlice(x, b, e, new long[] {1, 1, 1, 1}, others, endMask, 0, 0, 0);
    }

    private static Conv2DConfig convConfig(int k, int stride) {
        return Conv2DConfig.builder().kH(k).kW(k).sH(stride).sW(stride).paddingMode(PaddingMode.VALID)
                .dataFormat(Conv2DConfig.NHWC).weightsFormat(WeightsFormat.YXIO).build();
    }

    /** A parameter as a trainable variable (TRAINING) or a constant (INFERENCE). */
    private SDVariable param(String name, long[] shape, Init init, int fanIn) {
        float[] v = take(name, shape, init, fanIn);
        if (mode != Mode.INFERENCE) {
            trainable.add(name);
            return sd.var(name, array(v, shape));
        }
        return sd.constant(name, array(v, shape));
    }

    private float[] take(String name, long[] shape, Init init, int fanIn) {
        recorder.param(name, shape, init, fanIn);
        int len = (int) Arrays.stream(shape).reduce(1, Math::multiplyExact);
        float[] v;
        if (params == null) {
            v = new float[len];
        } else {
            if (paramCursor + len > params.length) {
                throw new IllegalArgumentException("parameter vector has " + params.length + " values, too few for the network " + config);
            }
            v = Arrays.copyOfRange(params, paramCursor, paramCursor + len);
        }
        paramCursor += len;
        return v;
    }

    private float[] stat(int len) {
        if (statCursor + len > bnStats.length) {
            throw new IllegalArgumentException("batch-norm statistics vector has " + bnStats.length + " values, too few for the network " + config);
        }
        float[] v = Arrays.copyOfRange(bnStats, statCursor, statCursor + len);
        statCursor += len;
        return v;
    }

    static INDArray array(float[] values, long[] shape) {
        return Nd4j.create(values, shape, 'c');
    }
}
