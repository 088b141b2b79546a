package org.massmap.model;

import java.util.List;

/**
 * Architecture of the noise-conditional residual U-Net (immutable, validated).
 *
 * <p>{@code channels.get(l)} is the width at resolution level l (level 0 is full resolution); there
 * are {@link #scales()} = channels.size() − 1 stride-2 downsamplings, so a tile must have both sides
 * a multiple of {@link #tileMultiple()} = 2^scales. Each level holds {@code blocksPerScale}
 * residual blocks (conv3×3 → BN → act → conv3×3 → BN, plus the identity or a 1×1 conv → BN
 * projection, then act) on the way down and again on the way up after the skip concatenation.
 * The network is fully convolutional: a model trained on crops runs on larger tiles of the same
 * pixel size.
 *
 * @param channels       width per level, at least 2 levels (1 scale), each ≥ 1
 * @param blocksPerScale residual blocks per level and direction, ≥ 1
 * @param activation     the non-linearity after each batch normalisation
 */
public record NetworkConfig(List<Integer> channels, int blocksPerScale, Activation activation) {

    /** Number of input channels: the scaled noisy map, the scaled σ²·s_th,σ and the σ channel. */
    public static final int INPUT_CHANNELS = 3;

    public NetworkConfig {
        if (channels == null || channels.size() < 2) {
            throw new IllegalArgumentException("network.channels needs at least 2 levels (1 scale), got " + channels);
        }
        channels = List.copyOf(channels);
        for (int c : channels) {
            if (c < 1) {
                throw new IllegalArgumentException("network.channels must all be >= 1, got " + channels);
            }
        }
        if (blocksPerScale < 1) {
            throw new IllegalArgumentException("network.blocks-per-scale must be >= 1, got " + blocksPerScale);
        }
        if (activation == null) {
            throw new IllegalArgumentException("network.activation is required (one of RELU, LEAKY_RELU, SILU, ELU)");
        }
    }

    /** Number of stride-2 downsamplings. */
    public int scales() {
        return channels.size() - 1;
    }

    /** Tile sides must be multiples of this, 2^scales. */
    public int tileMultiple() {
        return 1 << scales();
    }

    /** Width at level l. */
    public int width(int level) {
        return channels.get(level);
    }

    /** Throws, naming the size and the fix, unless ny and nx are positive multiples of 2^scales. */
    public void requireTileShape(int ny, int nx) {
        int m = tileMultiple();
        if (nx < m || ny < m || nx % m != 0 || ny % m != 0) {
            throw new IllegalArgumentException("tile is " + nx + "x" + ny + " pixels but this network has " + scales()
                    + " scales and needs both sides to be multiples of " + m + "; pad or crop the tile (e.g. to "
                    + Math.max(m, nx / m * m) + "x" + Math.max(m, ny / m * m) + ") or use a network with fewer scales");
        }
    }
}
