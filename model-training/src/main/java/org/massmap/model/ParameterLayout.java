package org.massmap.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The order, shapes and initialisation of every parameter of a {@link NetworkConfig}'s U-Net, so a
 * network's state can live in flat float arrays (model files, checkpoints, Spark aggregation):
 * <ul>
 *   <li>trainable parameters, in graph construction order: per convolution its weights
 *       [kH, kW, in, out] (YXIO, row-major), and for each batch normalisation γ then β [channels];
 *       the output convolution has a bias;</li>
 *   <li>batch-normalisation running statistics: per BN layer, mean [channels] then variance [channels].</li>
 * </ul>
 * Derived once from the graph builder itself, so it cannot disagree with the graph. Also lists the
 * convolutions, for analytic FLOP counts. Immutable.
 */
public final class ParameterLayout {

    /** How a parameter starts. */
    public enum Init {
        /** N(0, 2/fan-in) (He). */
        HE_NORMAL,
        /** All zeros (biases, β, the output convolution so that r_θ starts at 0). */
        ZERO,
        /** All ones (γ). */
        ONE
    }

    /** One named parameter tensor and its place in the flat vector. */
    public record Entry(String name, long[] shape, Init init, int fanIn, int offset, int length) { }

    /** One convolution: kernel k×k, stride, widths, and the resolution level of its output. */
    public record Conv(String name, int kernel, int stride, int in, int out, int outputLevel) {
        /** Multiply-adds ×2 of this convolution on an ny×nx input tile (level 0 size). */
        public long flops(int ny, int nx) {
            long h = ny >> outputLevel;
            long w = nx >> outputLevel;
            return 2L * h * w * kernel * kernel * in * out;
        }
    }

    private final List<Entry> entries;
    private final List<Integer> bnChannels;
    private final List<Conv> convs;
    private final int parameterCount;
    private final int bnStatCount;

    ParameterLayout(List<Entry> entries, List<Integer> bnChannels, List<Conv> convs) {
        this.entries = List.copyOf(entries);
        this.bnChannels = List.copyOf(bnChannels);
        this.convs = List.copyOf(convs);
        this.parameterCount = entries.isEmpty() ? 0 : entries.get(entries.size() - 1).offset() + entries.get(entries.size() - 1).length();
        this.bnStatCount = 2 * bnChannels.stream().mapToInt(Integer::intValue).sum();
    }

    /** The layout of a configuration's network. */
    public static ParameterLayout of(NetworkConfig config) {
        return UNetGraph.record(config);
    }

    public List<Entry> entries() {
        return entries;
    }

    /** Channels of each batch-normalisation layer, in order. */
    public List<Integer> bnChannels() {
        return bnChannels;
    }

    public List<Conv> convs() {
        return convs;
    }

    /** Number of trainable parameters. */
    public int parameterCount() {
        return parameterCount;
    }

    /** Number of running-statistics values (2 per BN channel). */
    public int bnStatCount() {
        return bnStatCount;
    }

    /** Forward-pass FLOPs of all convolutions on one ny×nx map (BN, activations, adds not counted). */
    public long forwardFlops(int ny, int nx) {
        long f = 0;
        for (Conv c : convs) {
            f += c.flops(ny, nx);
        }
        return f;
    }

    /** Fresh trainable parameters drawn from a seeded generator (He-normal weights, γ = 1, β = 0, zero output). */
    public float[] initialParameters(long seed) {
        Random rng = new Random(seed);
        float[] p = new float[parameterCount];
        for (Entry e : entries) {
            switch (e.init()) {
                case ZERO -> { }
                case ONE -> java.util.Arrays.fill(p, e.offset(), e.offset() + e.length(), 1f);
                case HE_NORMAL -> {
                    double std = Math.sqrt(2.0 / e.fanIn());
                    for (int i = 0; i < e.length(); i++) {
                        p[e.offset() + i] = (float) (std * rng.nextGaussian());
                    }
                }
            }
        }
        return p;
    }

    /** Running statistics of an untrained network: mean 0, variance 1. */
    public float[] initialBnStats() {
        float[] s = new float[bnStatCount];
        int o = 0;
        for (int c : bnChannels) {
            java.util.Arrays.fill(s, o + c, o + 2 * c, 1f);
            o += 2 * c;
        }
        return s;
    }

    /** Mutable collector used by the graph builder. */
    static final class Recorder {
        private final List<Entry> entries = new ArrayList<>();
        private final List<Integer> bnChannels = new ArrayList<>();
        private final List<Conv> convs = new ArrayList<>();
        private int offset;

        void param(String name, long[] shape, Init init, int fanIn) {
            int len = 1;
            for (long s : shape) {
                len = Math.multiplyExact(len, (int) s);
            }
            entries.add(new Entry(name, shape.clone(), init, fanIn, offset, len));
            offset += len;
        }

        void bn(int channels) {
            bnChannels.add(channels);
        }

        void conv(Conv c) {
            convs.add(c);
        }

        ParameterLayout build() {
            return new ParameterLayout(entries, bnChannels, convs);
        }
    }
}
