package org.massmap.catalog;

/**
 * How the per-component shape noise σ_e of one galaxy is obtained: {@link Source#CONFIGURED}
 * (a survey value, typically 0.25–0.3) or {@link Source#MEASURED} from the galaxies binned into
 * the tile (see {@link BinnedShear} for the estimator). Dimensionless.
 *
 * @param source  where σ_e comes from
 * @param sigmaE  the configured σ_e (&gt; 0), or NaN when measured
 */
public record ShapeNoise(Source source, double sigmaE) implements java.io.Serializable {

    /** Where σ_e comes from. */
    public enum Source {
        CONFIGURED,
        MEASURED
    }

    public ShapeNoise {
        if (source == null) {
            throw new IllegalArgumentException("shape noise source must be CONFIGURED or MEASURED");
        }
        if (source == Source.CONFIGURED && !(sigmaE > 0 && sigmaE < 10)) {
            throw new IllegalArgumentException("configured shape noise sigma_e must be a positive number (per component, "
                    + "typically 0.25-0.3), got " + sigmaE);
        }
        if (source == Source.MEASURED && !Double.isNaN(sigmaE)) {
            throw new IllegalArgumentException("a measured shape noise takes no value; use ShapeNoise.measured()");
        }
    }

    /** A fixed per-component σ_e. */
    public static ShapeNoise configured(double sigmaE) {
        return new ShapeNoise(Source.CONFIGURED, sigmaE);
    }

    /** σ_e measured from the binned galaxies. */
    public static ShapeNoise measured() {
        return new ShapeNoise(Source.MEASURED, Double.NaN);
    }
}
