package org.massmap.validation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.massmap.stats.PowerSpectrumEstimator;

/**
 * Windowed pseudo-C_ℓ band powers of one study realisation: the truth and each estimate, every map
 * windowed by the same {@link FootprintWindow} (minus its weighted mean, times w) and binned by one
 * {@link PowerSpectrumEstimator}. Not corrected for the window: divide by {@code effectiveAreaFraction}
 * for an approximate full-sky C_ℓ. Ratios to the truth are formed over realisations by
 * {@link StudySpectra} (a ratio of averages), not here.
 *
 * @param ell                   mean multipole of each band
 * @param areaFraction          the footprint's unmasked pixels / all pixels ({@link FootprintWindow#areaFraction()})
 * @param effectiveAreaFraction mean w² of the window ({@link FootprintWindow#effectiveAreaFraction()})
 * @param truth                 the truth's band powers, sr
 * @param estimates             band powers of "kaiser_squires_smoothed", "wiener" and each posterior method
 *                              (keyed by its name; the mean over its samples of each sample's band power), sr
 */
public record BandPowers(double[] ell, double areaFraction, double effectiveAreaFraction, double[] truth,
        Map<String, double[]> estimates) implements java.io.Serializable {

    public BandPowers {
        estimates = Collections.unmodifiableMap(new LinkedHashMap<>(estimates));
    }

    /** Band powers of {@code map} on the window. */
    static double[] of(PowerSpectrumEstimator est, FootprintWindow window, double[] map) {
        return est.estimate(window.apply(map));
    }

    /** Mean over {@code maps} of each one's band powers on the window. */
    static double[] meanOf(PowerSpectrumEstimator est, FootprintWindow window, List<double[]> maps) {
        double[] mean = new double[est.ell().length];
        for (double[] m : maps) {
            double[] c = of(est, window, m);
            for (int b = 0; b < mean.length; b++) {
                mean[b] += c[b] / maps.size();
            }
        }
        return mean;
    }
}
