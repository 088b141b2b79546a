package org.massmap.model;

/**
 * Everything a sampler needs, besides the weights, to use a score model correctly; stored as
 * {@code model.json} in the model directory (see {@link ModelFiles}).
 *
 * @param formatVersion the model-directory format, currently 1
 * @param software      the writer, e.g. "massmap-model-training 0.1.0-SNAPSHOT"
 * @param created       ISO-8601 UTC time of writing
 * @param network       the architecture
 * @param encoding      how inputs were scaled (κ_s)
 * @param pixelArcmin   pixel size the model was trained at, arcmin; tiles must match
 * @param trainedNx     width of the training crops, pixels
 * @param trainedNy     height of the training crops, pixels
 * @param prior         the C_ℓ table of the Gaussian part s_th (eq. 5), rebuilt on each tile
 * @param sigma         the DSM σ distribution; its [lo, hi] is the trained σ range
 * @param training      steps, seed and final losses
 * @param weightsSha256 SHA-256 (hex) of the weights payload
 * @param residualWindow the multipole restriction of the residual (absent in older files: none)
 * @param residualLinearPart the residual's linear, Fourier-diagonal part that the hybrid score removes
 *                      (absent in older files: none removed)
 * @param residualScaling how the network's output becomes the residual score (absent in older files: σ)
 */
public record ModelMetadata(int formatVersion, String software, String created, NetworkConfig network,
                            InputEncoding encoding, double pixelArcmin, int trainedNx, int trainedNy,
                            PowerSpectrumTable prior, SigmaDistribution sigma, TrainingSummary training,
                            String weightsSha256, ResidualWindow residualWindow, ResidualLinearPart residualLinearPart,
                            ResidualScaling residualScaling) {

    public ModelMetadata {
        if (residualWindow == null) {
            residualWindow = ResidualWindow.NONE;
        }
        if (residualLinearPart == null) {
            residualLinearPart = ResidualLinearPart.NONE;
        }
        if (residualScaling == null) {
            residualScaling = ResidualScaling.SIGMA;
        }
    }

    /**
     * The current format version: 2 since the network's convolutions are circular and its training
     * maps periodic (version 1 networks were zero-padded and trained on non-periodic crops; their
     * weights mean something else and are refused).
     */
    public static final int FORMAT_VERSION = 2;

    /** A copy with another training summary and checksum. */
    public ModelMetadata with(TrainingSummary newTraining, String newSha256) {
        return new ModelMetadata(formatVersion, software, created, network, encoding, pixelArcmin, trainedNx, trainedNy,
                prior, sigma, newTraining, newSha256, residualWindow, residualLinearPart, residualScaling);
    }

    /** A copy with another linear part (the same weights). */
    public ModelMetadata withLinearPart(ResidualLinearPart part) {
        return new ModelMetadata(formatVersion, software, created, network, encoding, pixelArcmin, trainedNx, trainedNy,
                prior, sigma, training, weightsSha256, residualWindow, part, residualScaling);
    }
}
