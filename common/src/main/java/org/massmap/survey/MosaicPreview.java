package org.massmap.survey;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.massmap.healpix.Healpix;
import org.massmap.io.plot.ColorScale;
import org.massmap.io.plot.Colormap;
import org.massmap.io.plot.MapFigure;
import org.massmap.io.plot.MapPanel;

/**
 * A quick-look of a {@link HealpixMosaic} in the plate carrée (equirectangular) projection of the
 * area it covers: rows at equal steps of Dec (North up), columns at equal steps of RA with East to
 * the left, RA steps widened by 1/cos(Dec) of the middle row so that shapes near that Dec keep their
 * aspect. Each image pixel shows the mosaic's value at the HEALPix pixel containing it (grey where
 * the mosaic has none). The RA range is the smallest arc holding every covered pixel, so a survey
 * across RA = 0 is drawn in one piece; coverage reaching a pole or most of the circle is drawn over
 * the full 360°. Stateless.
 */
public final class MosaicPreview {

    private static final int MAX_ROWS = 600;
    private static final int MAX_COLUMNS = 1200;

    private MosaicPreview() {
    }

    /** A one-panel figure of column {@code column}, with a robust colour scale labelled with its unit. */
    public static MapFigure figure(HealpixMosaic mosaic, String column, String title) {
        if (mosaic.size() == 0) {
            throw new IllegalArgumentException("the mosaic covers no pixel: nothing to draw");
        }
        Healpix hp = mosaic.healpix();
        double[] ra = new double[mosaic.size()];
        double decMin = 90;
        double decMax = -90;
        double[] c = new double[2];
        for (int i = 0; i < ra.length; i++) {
            hp.centre(mosaic.ordering(), mosaic.pixel(i), c);
            ra[i] = c[0];
            decMin = Math.min(decMin, c[1]);
            decMax = Math.max(decMax, c[1]);
        }
        double pad = hp.pixelSideArcmin() / 60;
        decMin = Math.max(-90, decMin - pad);
        decMax = Math.min(90, decMax + pad);
        double[] arc = coveredArc(ra, pad, decMin <= -90 + 2 * pad || decMax >= 90 - 2 * pad);
        double raStart = arc[0];
        double span = arc[1];

        double decSpan = decMax - decMin;
        int rows = (int) Math.max(32, Math.min(MAX_ROWS, Math.ceil(decSpan / (hp.pixelSideArcmin() / 60))));
        double cosMid = Math.max(0.1, Math.cos(Math.toRadians((decMin + decMax) / 2)));
        int cols = (int) Math.max(32, Math.min(MAX_COLUMNS, Math.round(rows * span * cosMid / decSpan)));
        double[] values = new double[rows * cols];
        double[] data = mosaic.column(column).values();
        long[] pixels = mosaic.pixels();
        for (int r = 0; r < rows; r++) {
            double dec = decMin + (r + 0.5) * decSpan / rows;
            for (int k = 0; k < cols; k++) {
                double raK = raStart + span - (k + 0.5) * span / cols; // column 0 is the East end
                int i = Arrays.binarySearch(pixels, hp.pixel(mosaic.ordering(), raK, dec));
                values[r * cols + k] = i < 0 ? Double.NaN : data[i];
            }
        }
        String unit = mosaic.column(column).unit();
        ColorScale scale = ColorScale.robust(values, Colormap.VIRIDIS, unit == null ? "" : unit);
        String subtitle = String.format(Locale.ROOT, "HEALPix nside %d %s; RA %.2f° to %.2f°, Dec %.2f° to %.2f° (plate carrée)",
                hp.nside(), mosaic.ordering(), org.massmap.grid.SkyPoint.normaliseRa(raStart + span),
                org.massmap.grid.SkyPoint.normaliseRa(raStart), decMax, decMin);
        return MapFigure.of(title, 1, List.of(MapPanel.of(subtitle, cols, rows, values).withScale(scale)));
    }

    /**
     * The smallest RA arc holding all {@code ra} values: {start, span} in degrees, the arc running
     * eastwards from start; the full circle when {@code full} or when no gap wider than 4·pad exists.
     */
    static double[] coveredArc(double[] ra, double pad, boolean full) {
        double[] sorted = ra.clone();
        Arrays.sort(sorted);
        double gap = 360 - sorted[sorted.length - 1] + sorted[0]; // the gap across RA = 0
        double gapEnd = sorted[0];
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] - sorted[i - 1] > gap) {
                gap = sorted[i] - sorted[i - 1];
                gapEnd = sorted[i];
            }
        }
        if (full || gap <= 4 * pad || 360 - gap > 300) {
            return new double[] {0, 360};
        }
        return new double[] {gapEnd - pad, 360 - gap + 2 * pad};
    }
}
