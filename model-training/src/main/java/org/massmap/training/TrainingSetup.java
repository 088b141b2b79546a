package org.massmap.training;

import org.massmap.grid.SkyPoint;
import org.massmap.grid.TileGrid;
import org.massmap.model.InputEncoding;
import org.massmap.model.NetworkConfig;
import org.massmap.model.PowerSpectrumTable;
import org.massmap.model.ResidualScaling;
import org.massmap.model.ResidualWindow;

/**
 * Everything that defines a training run apart from where the maps come from: the architecture,
 * the hyper-parameters, the Gaussian part of the prior (its C_ℓ table), the pixel size of the maps
 * and the input encoding. Saved in every checkpoint, so a run resumes from its checkpoint alone.
 *
 * @param network     the U-Net architecture
 * @param training    hyper-parameters
 * @param prior       C_ℓ of the Gaussian theory part s_th
 * @param pixelArcmin pixel size of the training maps, arcmin
 * @param encoding    input scaling; see {@link #of} for the default
 * @param residualWindow the multipole restriction of the residual, in the loss as when sampling (null: none)
 * @param residualScaling how the network's output becomes the residual, in the loss as when sampling (null: σ)
 */
public record TrainingSetup(NetworkConfig network, TrainingConfig training, PowerSpectrumTable prior,
                            double pixelArcmin, InputEncoding encoding,
                            ResidualWindow residualWindow, ResidualScaling residualScaling) {

    public TrainingSetup {
        if (network == null || training == null || prior == null || encoding == null) {
            throw new IllegalArgumentException("a training setup needs network, training, prior and encoding");
        }
        if (!(pixelArcmin > 0)) {
            throw new IllegalArgumentException("pixel size must be positive, got " + pixelArcmin + " arcmin");
        }
        network.requireTileShape(training.cropSize(), training.cropSize());
        if (residualWindow == null) {
            residualWindow = ResidualWindow.NONE;
        }
        if (residualScaling == null) {
            residualScaling = ResidualScaling.SIGMA;
        }
    }

    /**
     * A setup with the default input encoding: κ_s = √(mean P) of the Gaussian part on the crop grid,
     * its per-pixel rms.
     */
    public static TrainingSetup of(NetworkConfig network, TrainingConfig training, PowerSpectrumTable prior, double pixelArcmin) {
        return of(network, training, prior, pixelArcmin, ResidualWindow.NONE);
    }

    /** As {@link #of(NetworkConfig, TrainingConfig, PowerSpectrumTable, double)} with a residual window. */
    public static TrainingSetup of(NetworkConfig network, TrainingConfig training, PowerSpectrumTable prior, double pixelArcmin,
                                   ResidualWindow residualWindow) {
        return of(network, training, prior, pixelArcmin, residualWindow, 0, ResidualScaling.SIGMA);
    }

    /**
     * As {@link #of(NetworkConfig, TrainingConfig, PowerSpectrumTable, double, ResidualWindow)} with the
     * network's map inputs compressed by a·asinh(v/a) ({@link InputEncoding}; a = 0: linear) and the
     * given scaling of its output ({@link ResidualScaling}).
     */
    public static TrainingSetup of(NetworkConfig network, TrainingConfig training, PowerSpectrumTable prior, double pixelArcmin,
                                   ResidualWindow residualWindow, double inputCompression, ResidualScaling residualScaling) {
        TileGrid crop = TileGrid.square(training.cropSize(), pixelArcmin, new SkyPoint(0, 0));
        double rms = Math.sqrt(prior.powerMap(crop).pixelVariance());
        return new TrainingSetup(network, training, prior, pixelArcmin, new InputEncoding(rms, inputCompression), residualWindow,
                residualScaling);
    }

    /** The residual window on the crop grid. */
    public ResidualWindow.Filter cropFilter() {
        int n = training.cropSize();
        return residualWindow.filter(n, n, Math.toRadians(pixelArcmin / 60));
    }

    /** The crop grid (centre irrelevant). */
    public TileGrid cropGrid() {
        return TileGrid.square(training.cropSize(), pixelArcmin, new SkyPoint(0, 0));
    }

    /** The same setup with other hyper-parameters (e.g. more steps when continuing a run). */
    public TrainingSetup withTraining(TrainingConfig newTraining) {
        return new TrainingSetup(network, newTraining, prior, pixelArcmin, encoding, residualWindow, residualScaling);
    }
}
