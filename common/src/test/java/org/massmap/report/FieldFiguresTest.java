package org.massmap.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.massmap.catalog.XrayCluster;
import org.massmap.grid.SkyPoint;
import org.massmap.grid.TileGrid;
import org.massmap.io.plot.ColorScale;
import org.massmap.io.plot.MapFigure;
import org.massmap.io.plot.Marker;

/** The field figures: cluster markers where the clusters are, cutouts, and the B-mode map on E's colour scale. */
class FieldFiguresTest {
    static final TileGrid GRID = TileGrid.square(32, 0.5, new SkyPoint(150, 2));

    static double[] noise(long seed, double scale) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[GRID.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = scale * (r.nextDouble() - 0.5);
        }
        return v;
    }

    @Test
    void markersSitOnTheClustersPixelsAndCarryTheirRedshifts() {
        SkyPoint onTile = GRID.pixelCentre(5, 20);
        List<XrayCluster> clusters = List.of(new XrayCluster("a", onTile, 0.734), new XrayCluster("b", new SkyPoint(151, 2), 0.2));
        List<Marker> m = FieldFigures.clusterMarkers(GRID, clusters, 4);
        assertEquals(1, m.size(), "the cluster 1 degree away is off the tile");
        assertEquals(5, m.get(0).x(), 1e-9);
        assertEquals(20, m.get(0).y(), 1e-9);
        assertEquals(4, m.get(0).radius());
        assertEquals("0.73", m.get(0).label());
    }

    @Test
    void cropIsTheBlockOfTheMap() {
        double[] v = new double[6 * 5];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        // rows 1-2, columns 2-4 of a 6-wide map
        assertArrayEquals(new double[] {8, 9, 10, 14, 15, 16}, FieldFigures.crop(v, 6, 2, 1, 3, 2));
    }

    @Test
    void cutoutsShowTheCentralRegionOfEachSampleThenTheMean() {
        boolean[] mask = new boolean[GRID.size()];
        Arrays.fill(mask, true);
        List<double[]> samples = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            samples.add(noise(k, 0.1));
        }
        List<Marker> markers = List.of(new Marker(16, 16, 2, "in"), new Marker(1, 1, 2, "out"));
        MapFigure f = FieldFigures.cutouts("t", GRID, mask, samples, noise(9, 0.01), 10, markers);
        BufferedImage image = f.render();
        assertEquals(26, f.zoom(0), "10-pixel cutouts drawn at least 256 pixels wide");
        Rectangle r = f.panelBounds(3);
        assertEquals(260, r.width, "four panels of 10 x 10 pixels: three samples and the mean");
        assertTrue(image.getWidth() > 2 * 260, "two columns");
    }

    @Test
    void theBModePanelUsesTheColourScaleOfE() {
        boolean[] mask = new boolean[GRID.size()];
        Arrays.fill(mask, true);
        double[] e = noise(1, 0.02);
        double[] twiceE = e.clone();
        for (int i = 0; i < twiceE.length; i++) {
            twiceE[i] *= 2;
        }
        BufferedImage same = FieldFigures.bModes("t", GRID, mask, e, e, List.of(), "KS").render();
        MapFigure doubled = FieldFigures.bModes("t", GRID, mask, e, twiceE, List.of(), "KS");
        BufferedImage image = doubled.render();
        Rectangle left = doubled.panelBounds(0);
        Rectangle right = doubled.panelBounds(1);
        int differ = 0;
        for (int iy = 0; iy < 32; iy++) {
            for (int ix = 0; ix < 32; ix++) {
                int x = ix * doubled.zoom(0) + 2;
                int y = (31 - iy) * doubled.zoom(0) + 2;
                assertEquals(same.getRGB(left.x + x, left.y + y), same.getRGB(right.x + x, right.y + y), "B = E looks the same");
                differ += image.getRGB(left.x + x, left.y + y) != image.getRGB(right.x + x, right.y + y) ? 1 : 0;
            }
        }
        // a per-panel scale would draw B = 2E exactly like E; on E's scale B = 2E is more saturated
        assertTrue(differ > 32 * 32 / 2, differ + " of 1024 pixels differ");
        ColorScale eScale = ColorScale.robust(e, org.massmap.io.plot.Colormap.MAGMA, "");
        int ix = 7;
        int iy = 11;
        assertEquals(eScale.rgb(twiceE[iy * 32 + ix]), image.getRGB(right.x + ix * doubled.zoom(1) + 2,
                right.y + (31 - iy) * doubled.zoom(1) + 2) & 0xffffff, "B drawn with E's scale");
    }
}
