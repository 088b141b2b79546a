package org.massmap.report;

import java.util.List;
import java.util.Locale;
import org.massmap.grid.TileGrid;

/**
 * The B-mode null test of a Kaiser-Squires map pair (smoothed alike): lensing makes E modes only,
 * so κ_B should be noise, with no excess at the known clusters. Over the observed pixels: the rms
 * of κ_E and κ_B; at the observed clusters' pixels: the mean of each, and that mean over its
 * standard error rms/√n (a significance that ignores the correlation of neighbouring pixels and of
 * nearby clusters, so a rough one).
 *
 * @param clusters number of observed clusters averaged
 */
public record BModeNull(double rmsE, double rmsB, int clusters, double meanE, double meanB) {

    /** The statistics of {@code ksE}, {@code ksB} on {@code grid} with observed pixels {@code mask}, at the observed {@code rows}. */
    public static BModeNull of(TileGrid grid, boolean[] mask, double[] ksE, double[] ksB, List<XrayDetectionTable.Row> rows) {
        double sumE = 0;
        double sumB = 0;
        int n = 0;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i]) {
                sumE += ksE[i] * ksE[i];
                sumB += ksB[i] * ksB[i];
                n++;
            }
        }
        double atE = 0;
        double atB = 0;
        int k = 0;
        for (XrayDetectionTable.Row r : rows) {
            if (r.observed()) {
                int p = grid.pixelIndex(r.x(), r.y());
                atE += ksE[p];
                atB += ksB[p];
                k++;
            }
        }
        return new BModeNull(Math.sqrt(sumE / Math.max(1, n)), Math.sqrt(sumB / Math.max(1, n)), k,
                k == 0 ? Double.NaN : atE / k, k == 0 ? Double.NaN : atB / k);
    }

    /** Mean κ_E at the clusters over its standard error. */
    public double significanceE() {
        return meanE / (rmsE / Math.sqrt(clusters));
    }

    /** Mean κ_B at the clusters over its standard error. */
    public double significanceB() {
        return meanB / (rmsB / Math.sqrt(clusters));
    }

    /** One markdown paragraph. */
    public String markdown(double smoothArcmin) {
        return String.format(Locale.ROOT, "Kaiser-Squires maps smoothed by %.2g′, inside the observed pixels: rms κ_E = %.4f, rms κ_B ="
                + " %.4f (B/E = %.2f). At the %d observed X-ray clusters: mean κ_E = %.4f (%.1fσ), mean κ_B = %.4f (%.1fσ;"
                + " σ = rms/√n, ignoring correlations).%n", smoothArcmin, rmsE, rmsB, rmsB / rmsE, clusters, meanE, significanceE(), meanB,
                significanceB());
    }
}
