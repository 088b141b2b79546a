package org.massmap.cli;

import org.apache.hadoop.conf.Configuration;
import org.massmap.config.SamplerConfig;
import org.massmap.model.ModelMetadata;
import org.massmap.model.BundledModels;
import org.massmap.spark.runtime.ModelFetch;

/**
 * Which prior a run uses: the Gaussian prior (no model), or a hybrid model (a directory, a Hadoop
 * URI, or the bundled model of the tiles' pixel size from the registry) with its checksum, pixel size, trained σ range and the C_ℓ its
 * Gaussian part was trained with (which then becomes the run's prior C_ℓ).
 */
record ModelChoice(String uri, String sha256, ModelMetadata metadata) {

    /** The model for tiles of {@code pixelArcmin}: the configured one, or the bundled one trained at that pixel size. */
    static ModelChoice resolve(SamplerConfig sampler, double pixelArcmin) throws Exception {
        if (sampler.prior() == SamplerConfig.Prior.GAUSSIAN) {
            return new ModelChoice(null, null, null);
        }
        String location = normalise(BundledModels.locate(sampler.model(), pixelArcmin));
        // the whole model is read and verified here, on the driver, before any Spark work: a corrupt or
        // truncated weights.bin is one message naming the file, not a failure inside every task
        ModelMetadata m = ModelFetch.load(location, new Configuration()).metadata();
        return new ModelChoice(location, m.weightsSha256(), m);
    }

    private static String normalise(String location) {
        if (location.startsWith("classpath:") || location.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
            return location;
        }
        return java.nio.file.Path.of(location).toAbsolutePath().normalize().toString();
    }

    /** Checks that tiles of this pixel size can use the model (an error names both sizes and the fix). */
    void requirePixel(double pixelArcmin) {
        if (metadata != null && Math.abs(pixelArcmin - metadata.pixelArcmin()) > 1e-3 * metadata.pixelArcmin()) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "tile pixels are %.4g arcmin but the model %s"
                    + " was trained at %.4g arcmin; set map.pixel-arcmin=%.4g or retrain", pixelArcmin, uri,
                    metadata.pixelArcmin(), metadata.pixelArcmin()));
        }
    }

    String describe() {
        return uri == null ? "gaussian (theory C_ell)" : String.format(java.util.Locale.ROOT,
                "hybrid, model %s (sha256 %s..., %.3g arcmin pixels, sigma in [%.3g, %.3g]); its prior C_ell: %s", uri,
                sha256.substring(0, 12), metadata.pixelArcmin(), metadata.sigma().lo(), metadata.sigma().hi(),
                metadata.prior().source().isEmpty() ? "(origin not recorded)" : metadata.prior().source());
    }
}
