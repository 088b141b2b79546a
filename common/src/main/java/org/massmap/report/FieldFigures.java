package org.massmap.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.massmap.catalog.XrayCluster;
import org.massmap.grid.TileGrid;
import org.massmap.io.plot.ColorScale;
import org.massmap.io.plot.Colormap;
import org.massmap.io.plot.MapFigure;
import org.massmap.io.plot.MapPanel;
import org.massmap.io.plot.Marker;

/**
 * The figures of a real field with known clusters, after Remy et al., Fig. 2: one posterior sample,
 * the posterior mean and Kaiser-Squires side by side with the clusters circled and labelled with
 * their redshifts; the central region across several samples; and the B-mode null map (Kaiser-Squires
 * κ_B beside κ_E on E's colour scale). Maps are row-major on the tile grid; every panel shows
 * unobserved pixels in grey (NaN). Stateless.
 */
public final class FieldFigures {
    /** Smallest width in pixels of the panels of whole-field figures. */
    public static final int LARGE_PANEL = 640;

    private FieldFigures() {
    }

    /**
     * A circle of {@code radiusPixels} around every cluster whose pixel lies on the tile, labelled with
     * its redshift.
     */
    public static List<Marker> clusterMarkers(TileGrid grid, List<XrayCluster> clusters, double radiusPixels) {
        List<Marker> out = new ArrayList<>();
        double[] xy = new double[2];
        for (XrayCluster c : clusters) {
            if (grid.tangentPlane().project(c.position().raDeg(), c.position().decDeg(), xy)
                    && grid.pixelIndex(grid.xOf(xy[0]), grid.yOf(xy[1])) >= 0) {
                out.add(new Marker(grid.xOf(xy[0]), grid.yOf(xy[1]), radiusPixels, String.format(Locale.ROOT, "%.2f", c.redshift())));
            }
        }
        return out;
    }

    /**
     * Sample, posterior mean and Kaiser-Squires (as given, e.g. smoothed) on one colour scale, clusters
     * circled in every panel and labelled in the posterior mean's; panels drawn at least
     * {@value #LARGE_PANEL} pixels wide, so that the labels of a crowded field stay apart.
     */
    public static MapFigure figure2(String title, TileGrid grid, boolean[] mask, double[] sample, double[] mean, double[] ks,
            String ksTitle, List<Marker> markers) {
        int nx = grid.nx();
        int ny = grid.ny();
        List<Marker> circles = unlabelled(markers);
        List<MapPanel> panels = List.of(
                MapPanel.of("posterior sample", nx, ny, masked(sample, mask)).withMarkers(circles),
                MapPanel.of("posterior mean", nx, ny, masked(mean, mask)).withMarkers(markers),
                MapPanel.of(ksTitle, nx, ny, masked(ks, mask)).withMarkers(circles));
        return MapFigure.of(title, 3, panels).withRobustSharedScale(Colormap.MAGMA, "κ").withMinPanelPixels(LARGE_PANEL);
    }

    /**
     * The central {@code side} × {@code side} pixels of each sample, then of the posterior mean, on one
     * colour scale, the clusters whose circle lies in the region marked (a cluster present in some
     * samples and not others).
     */
    public static MapFigure cutouts(String title, TileGrid grid, boolean[] mask, List<double[]> samples, double[] mean, int side,
            List<Marker> markers) {
        int w = Math.max(2, Math.min(side, grid.nx()));
        int h = Math.max(2, Math.min(side, grid.ny()));
        int x0 = (grid.nx() - w) / 2;
        int y0 = (grid.ny() - h) / 2;
        List<Marker> inside = new ArrayList<>();
        for (Marker m : markers) {
            double x = m.x() - x0;
            double y = m.y() - y0;
            if (x - m.radius() >= -0.5 && y - m.radius() >= -0.5 && x + m.radius() <= w - 0.5 && y + m.radius() <= h - 0.5) {
                inside.add(new Marker(x, y, m.radius(), m.label()));
            }
        }
        List<MapPanel> panels = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            panels.add(MapPanel.of("sample " + (i + 1), w, h, crop(masked(samples.get(i), mask), grid.nx(), x0, y0, w, h))
                    .withMarkers(inside));
        }
        panels.add(MapPanel.of("posterior mean", w, h, crop(masked(mean, mask), grid.nx(), x0, y0, w, h)).withMarkers(inside));
        int columns = (int) Math.ceil(Math.sqrt(panels.size()));
        return MapFigure.of(title, columns, panels).withRobustSharedScale(Colormap.MAGMA, "κ");
    }

    /**
     * Kaiser-Squires κ_E and κ_B side by side, both on the colour scale of κ_E (1st-99th percentile
     * inside the mask), clusters circled; {@code ksTitle} says what the maps are (e.g. their smoothing).
     */
    public static MapFigure bModes(String title, TileGrid grid, boolean[] mask, double[] ksE, double[] ksB, List<Marker> markers,
            String ksTitle) {
        double[] e = masked(ksE, mask);
        ColorScale scale = ColorScale.robust(e, Colormap.MAGMA, "κ");
        List<MapPanel> panels = List.of(
                MapPanel.of(ksTitle + ": κ_E", grid.nx(), grid.ny(), e).withMarkers(unlabelled(markers)),
                MapPanel.of(ksTitle + ": κ_B", grid.nx(), grid.ny(), masked(ksB, mask)).withMarkers(unlabelled(markers)));
        return MapFigure.of(title, 2, panels).withSharedScale(scale).withMinPanelPixels(LARGE_PANEL);
    }

    private static List<Marker> unlabelled(List<Marker> markers) {
        return markers.stream().map(m -> new Marker(m.x(), m.y(), m.radius(), "")).toList();
    }

    /** The values with NaN outside the mask. */
    static double[] masked(double[] values, boolean[] mask) {
        double[] out = values.clone();
        for (int i = 0; i < out.length; i++) {
            if (!mask[i]) {
                out[i] = Double.NaN;
            }
        }
        return out;
    }

    /** The {@code w} × {@code h} block at column {@code x0}, row {@code y0} of a row-major map {@code nx} wide. */
    static double[] crop(double[] values, int nx, int x0, int y0, int w, int h) {
        double[] out = new double[w * h];
        for (int y = 0; y < h; y++) {
            System.arraycopy(values, (y0 + y) * nx + x0, out, y * w, w);
        }
        return out;
    }
}
