package org.massmap.model;

import java.util.Locale;
import org.massmap.grid.TileGrid;
import org.massmap.prior.GaussianPrior;

/**
 * A trained hybrid score model: the network weights plus the {@link ModelMetadata} that says where
 * they are valid. Hands out a {@link HybridScore} for a tile after checking that the tile matches
 * what the model was trained for (pixel size, tile shape, and optionally the Gaussian prior).
 *
 * <p>Keep one instance per JVM (the network holds native memory); it is thread-safe.
 */
public final class ScoreModel {
    /** Relative tolerance on the pixel size. */
    public static final double PIXEL_TOLERANCE = 1e-3;
    /** Relative tolerance on C_ℓ when a sampler supplies its own prior. */
    public static final double PRIOR_TOLERANCE = 1e-3;
    /** Default pixel budget per network pass. */
    public static final int DEFAULT_PIXELS_PER_FORWARD = 65536;

    private final ModelMetadata metadata;
    private final NetworkWeights weights;
    private final ScoreNetwork network;

    public ScoreModel(ModelMetadata metadata, NetworkWeights weights) {
        this.metadata = metadata;
        this.weights = weights;
        this.network = new ScoreNetwork(metadata.network(), weights);
    }

    public ModelMetadata metadata() {
        return metadata;
    }

    public NetworkWeights weights() {
        return weights;
    }

    public ScoreNetwork network() {
        return network;
    }

    /**
     * Throws, with the fix, unless the tile has the trained pixel size. Any tile size is accepted: the
     * network runs on the tile extended periodically to a size it takes (see {@link HybridScore}).
     */
    public void requireCompatible(TileGrid tile) {
        double trained = metadata.pixelArcmin();
        if (Math.abs(tile.pixelArcmin() - trained) > PIXEL_TOLERANCE * trained) {
            throw new IllegalArgumentException("tile pixels are " + arcmin(tile.pixelArcmin()) + " arcmin but the model was trained at "
                    + arcmin(trained) + " arcmin; set the tile pixel size (map.pixel-arcmin) to " + arcmin(trained)
                    + " or retrain the model at " + arcmin(tile.pixelArcmin()) + " arcmin");
        }
    }

    /** 4 significant digits, trailing zeros dropped down to 2 decimals (0.40, 0.29, 0.125). */
    static String arcmin(double v) {
        String s = String.format(Locale.ROOT, "%.4g", v);
        if (s.contains(".") && !s.contains("e")) {
            while (s.endsWith("0") && s.length() - s.indexOf('.') > 3) {
                s = s.substring(0, s.length() - 1);
            }
        }
        return s;
    }

    /** The hybrid score on a tile, with the Gaussian part rebuilt from the model's own C_ℓ table. */
    public HybridScore hybridScore(TileGrid tile) {
        return hybridScore(tile, metadata.residualLinearPart());
    }

    /**
     * The hybrid score on a tile with the given linear part removed instead of the model's own
     * ({@link ResidualLinearPart#NONE}: the network's residual as it is, which is what fitting the
     * linear part measures).
     */
    public HybridScore hybridScore(TileGrid tile, ResidualLinearPart linearPart) {
        requireCompatible(tile);
        GaussianPrior prior = new GaussianPrior(metadata.prior().powerMap(tile));
        return new HybridScore(network, prior, metadata.encoding(), metadata.sigma().lo(), metadata.sigma().hi(),
                DEFAULT_PIXELS_PER_FORWARD, metadata.residualWindow().filter(tile.ny(), tile.nx(), tile.pixelRad()),
                linearPart.filter(tile.ny(), tile.nx(), tile.pixelRad()), metadata.residualScaling());
    }

    /**
     * The hybrid score on a tile, after checking that the sampler's own prior C_ℓ agrees with the one
     * the residual was trained against (the network learned the difference from that exact prior).
     */
    public HybridScore hybridScore(TileGrid tile, PowerSpectrumTable samplerPrior) {
        requireCompatible(tile);
        double diff = metadata.prior().maxRelativeDifference(samplerPrior, tile);
        if (diff > PRIOR_TOLERANCE) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "the sampler's prior C_ell differs from the one"
                    + " the model was trained with by up to %.2f%% on this tile's multipoles; use the model's stored C_ell"
                    + " (model.json 'prior') or retrain the model with the new C_ell", 100 * diff));
        }
        return hybridScore(tile);
    }
}
