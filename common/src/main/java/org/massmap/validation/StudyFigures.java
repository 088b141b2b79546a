package org.massmap.validation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.massmap.grid.TileGrid;
import org.massmap.io.SkyMap;
import org.massmap.io.plot.ColorScale;
import org.massmap.io.plot.Colormap;
import org.massmap.io.plot.MapFigure;
import org.massmap.io.plot.MapPanel;
import org.massmap.io.plot.Marker;
import org.massmap.output.MockSurveyProducts;
import org.massmap.output.PosteriorProducts;
import org.massmap.output.TileProducts;
import org.massmap.sim.Halo;
import org.massmap.stats.PosteriorSummary;

/**
 * The figures of the validation study's first realisation (docs/validation.md): fig1.png (truth,
 * Kaiser-Squires, posterior mean and samples), posterior_std.png, cluster_frequency.png, fig2.png
 * (a sample, the mean and smoothed Kaiser-Squires with the injected halos) and fig2_cutouts.png
 * (the most massive halo in the footprint across samples).
 */
final class StudyFigures {
    private StudyFigures() {
    }

    /**
     * Writes the figures of one realisation into {@code dir}.
     *
     * @param ksSmoothed Kaiser-Squires smoothed at {@code smoothing} arcmin
     * @param summary    the posterior summary of {@code method}
     * @param samples    that method's samples (at least one)
     * @param halos      the injected halos on the tile
     * @param method     the method's name in the titles
     */
    static void write(Path dir, TileGrid grid, double[] truth, boolean[] mask, double[] ksSmoothed, double smoothing,
            PosteriorSummary summary, List<double[]> samples, List<Halo> halos, String method) throws Exception {
        List<Marker> markers = MockSurveyProducts.haloMarkers(grid, halos);
        PosteriorProducts.figure1(grid, truth, mask, ksSmoothed, summary.mean(), samples, markers).writePng(dir.resolve("fig1.png"));
        double[] m = TileProducts.maskValues(mask);
        MapFigure.single(SkyMap.of("KAPPA_STD", grid, summary.std()).masked(m), "Posterior std of κ (" + method + " prior)")
                .writePng(dir.resolve("posterior_std.png"));
        MapFigure.of("Cluster frequency (" + method + " prior) and injected halos", 1, List.of(
                MapPanel.of(SkyMap.of("FREQ", grid, summary.clusterFrequency()).masked(m), "fraction of samples with a peak nearby")
                        .withScale(ColorScale.of(0, 1, Colormap.MAGMA, "frequency")).withMarkers(markers)))
                .writePng(dir.resolve("cluster_frequency.png"));
        // Fig. 2: one sample, the mean and KS with the known clusters, then cutouts of the most massive halo across samples
        List<MapPanel> panels = new ArrayList<>();
        panels.add(MapPanel.of("a posterior sample", grid.nx(), grid.ny(), samples.get(0)).withMarkers(markers));
        panels.add(MapPanel.of("posterior mean", grid.nx(), grid.ny(), summary.mean()).withMarkers(markers));
        panels.add(MapPanel.of(String.format(Locale.ROOT, "Kaiser-Squires (%.1f′)", smoothing), grid.nx(), grid.ny(), ksSmoothed)
                .withMarkers(markers));
        MapFigure.of("Posterior sample, mean and Kaiser-Squires; circles: injected halos (log10 M200)", 3, panels)
                .withRobustSharedScale(Colormap.VIRIDIS, "κ").writePng(dir.resolve("fig2.png"));
        Halo biggest = halos.stream().filter(h -> {
            int p = StudyRealisation.pixelOf(grid, h);
            return p >= 0 && mask[p];
        }).max((a, b) -> Double.compare(a.m200(), b.m200())).orElse(null);
        if (biggest != null) {
            int p = StudyRealisation.pixelOf(grid, biggest);
            int cx = p % grid.nx();
            int cy = p / grid.nx();
            int half = Math.min(16, Math.min(grid.nx(), grid.ny()) / 4);
            List<MapPanel> cut = new ArrayList<>();
            cut.add(MapPanel.of("truth", 2 * half, 2 * half, cutout(truth, grid, cx, cy, half)));
            for (int k = 0; k < Math.min(7, samples.size()); k++) {
                cut.add(MapPanel.of("sample " + (k + 1), 2 * half, 2 * half, cutout(samples.get(k), grid, cx, cy, half)));
            }
            MapFigure.of(String.format(Locale.ROOT,
                    "Most massive halo in the footprint, log10 M200 = %.2f: %.0f%% of samples",
                    Math.log10(biggest.m200()), 100 * summary.clusterFrequency()[p]), 4, cut)
                    .withRobustSharedScale(Colormap.VIRIDIS, "κ").withMinPanelPixels(160).writePng(dir.resolve("fig2_cutouts.png"));
        }
    }

    private static double[] cutout(double[] map, TileGrid g, int cx, int cy, int half) {
        double[] c = new double[4 * half * half];
        for (int y = 0; y < 2 * half; y++) {
            for (int x = 0; x < 2 * half; x++) {
                int gx = Math.floorMod(cx - half + x, g.nx());
                int gy = Math.floorMod(cy - half + y, g.ny());
                c[y * 2 * half + x] = map[gy * g.nx() + gx];
            }
        }
        return c;
    }
}
