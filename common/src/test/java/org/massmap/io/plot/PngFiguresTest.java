package org.massmap.io.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massmap.io.fits.FitsTestData;

class PngFiguresTest {

    @TempDir
    Path dir;

    @Test
    void publishedColormapEndpoints() {
        // matplotlib's viridis runs from #440154 to #fde725, magma from #000004 to #fcfdbf.
        assertEquals(0x440154, Colormap.VIRIDIS.rgb(0));
        assertEquals(0xfde725, Colormap.VIRIDIS.rgb(1));
        assertEquals(0x21918c, Colormap.VIRIDIS.rgb(0.5)); // entry 128
        assertEquals(0x000004, Colormap.MAGMA.rgb(0));
        assertEquals(0xfcfdbf, Colormap.MAGMA.rgb(1));
        assertEquals(0x053061, Colormap.RDBU.rgb(0), "diverging: dark blue for low values");
        assertEquals(0x67001f, Colormap.RDBU.rgb(1), "dark red for high values");
        int mid = Colormap.RDBU.rgb(0.5);
        assertTrue((mid >> 16 & 0xff) > 240 && (mid >> 8 & 0xff) > 240 && (mid & 0xff) > 230, Integer.toHexString(mid));
        assertEquals(Colormap.VIRIDIS.rgb(0), Colormap.VIRIDIS.rgb(-3), "clipped below");
        assertEquals(0xffffff, Colormap.GREYS.rgb(1));
    }

    @Test
    void robustAndSymmetricScales() {
        double[] v = new double[101];
        for (int i = 0; i <= 100; i++) {
            v[i] = i;
        }
        v[50] = Double.NaN; // ignored
        ColorScale s = ColorScale.robust(v, Colormap.VIRIDIS, "κ");
        assertEquals(1.0, s.vmin(), 0.02);
        assertEquals(99.0, s.vmax(), 0.02);
        assertEquals(ColorScale.NAN_RGB, s.rgb(Double.NaN));
        ColorScale sym = ColorScale.symmetric(new double[] {-0.5, 0.1, 2, Double.NaN}, Colormap.RDBU, "");
        assertEquals(-sym.vmax(), sym.vmin(), 0);
        ColorScale constant = ColorScale.robust(new double[] {3, 3, 3}, Colormap.VIRIDIS, "");
        assertTrue(constant.vmax() > constant.vmin());
    }

    @Test
    void rampMapPixelsHaveTheColormapColoursNorthUpAndNaNGrey() throws Exception {
        int nx = 8;
        int ny = 4;
        double[] ramp = new double[nx * ny];
        for (int i = 0; i < ramp.length; i++) {
            ramp[i] = i;
        }
        ramp[2 * nx + 1] = Double.NaN;
        ColorScale scale = ColorScale.of(0, nx * ny, Colormap.VIRIDIS, "value");
        MapFigure figure = MapFigure.of("ramp", 1, List.of(MapPanel.of("", nx, ny, ramp).withScale(scale)));
        Path file = dir.resolve("ramp.png");
        figure.writePng(file);

        BufferedImage png = ImageIO.read(file.toFile());
        BufferedImage rendered = figure.render();
        assertEquals(rendered.getWidth(), png.getWidth());
        assertEquals(rendered.getHeight(), png.getHeight());
        assertEquals(32, figure.zoom(0), "an 8-pixel map is enlarged to at least 256 pixels");
        Rectangle r = figure.panelBounds(0);
        assertEquals(new Rectangle(r.x, r.y, 256, 128), r);
        assertTrue(png.getWidth() > r.x + r.width + 30, "room for the colorbar");

        // Pixel (ix, iy) sits at column ix from the left and row ny-1-iy from the top (North up, East left).
        int[][] probes = {{0, 0}, {0, ny - 1}, {3, 1}, {nx - 1, ny - 1}, {5, 0}};
        for (int[] p : probes) {
            int ix = p[0];
            int iy = p[1];
            int x = r.x + ix * 32 + 16;
            int y = r.y + (ny - 1 - iy) * 32 + 16;
            assertEquals(scale.rgb(ramp[iy * nx + ix]), png.getRGB(x, y) & 0xffffff, "pixel " + ix + "," + iy);
        }
        assertEquals(ColorScale.NAN_RGB, png.getRGB(r.x + 32 + 16, r.y + 32 + 16) & 0xffffff, "NaN is grey");
        assertNotEquals(png.getRGB(r.x + 16, r.y + 16), png.getRGB(r.x + 16, r.y + 3 * 32 + 16), "top row differs from bottom row");
    }

    @Test
    void sharedScaleFigureOf64PixelMapsLikeFigureOne() throws Exception {
        int n = 64;
        List<MapPanel> panels = new ArrayList<>();
        double[] mask = new double[n * n];
        java.util.Arrays.fill(mask, 1);
        for (int k = 0; k < 8; k++) {
            double[] v = FitsTestData.gaussian(n * n, k);
            MapPanel p = k == 1 ? MapPanel.of("mask", n, n, mask).withScale(ColorScale.of(0, 1, Colormap.GREYS, ""))
                    : MapPanel.of("panel " + k, n, n, v);
            panels.add(k == 0 ? p.withMarkers(List.of(new Marker(20, 40, 5, "A1689"))) : p);
        }
        ColorScale shared = ColorScale.of(-0.1, 0.1, Colormap.MAGMA, "κ");
        MapFigure figure = MapFigure.of("Fig. 1", 4, panels).withSharedScale(shared);
        BufferedImage image = figure.render();
        assertEquals(4, figure.zoom(0));
        Rectangle second = figure.panelBounds(2);
        Rectangle sixth = figure.panelBounds(6);
        assertEquals(256, second.width);
        assertEquals(second.x, sixth.x, "same column");
        assertTrue(sixth.y > second.y + 256, "second row below the first");
        assertTrue(image.getWidth() >= figure.panelBounds(3).x + 256 + 40);
        // A pixel of panel 2 (shared magma scale) and the white mask panel.
        double v = panels.get(2).values()[(n - 1) * n];
        assertEquals(shared.rgb(v), image.getRGB(second.x + 1, second.y + 1) & 0xffffff);
        assertEquals(0xffffff, image.getRGB(figure.panelBounds(1).x + 5, figure.panelBounds(1).y + 5) & 0xffffff);
        Path file = dir.resolve("fig1.png");
        figure.writePng(file);
        assertTrue(Files.size(file) > 10_000);
    }

    @Test
    void logLogPlotPlacesPointsAndSkipsNonPositiveValues() throws Exception {
        double[] ell = {100, 1000, 10000};
        double[] cl = {1e-9, 1e-10, -1}; // the last cannot go on a log axis: skipped, not an error
        LinePlot plot = LinePlot.of("C_ell", "ℓ", "C_ℓ").withLogX().withLogY()
                .with(new LinePlot.Series("theory", ell, cl, LinePlot.Style.POINTS))
                .withSize(500, 360);
        Path file = dir.resolve("cl.png");
        plot.writePng(file);
        BufferedImage png = ImageIO.read(file.toFile());
        assertEquals(500, png.getWidth());
        assertEquals(360, png.getHeight());
        Point2D p100 = plot.toPixel(100, 1e-9);
        Point2D p1000 = plot.toPixel(1000, 1e-10);
        assertEquals(LinePlot.colorOf(0), png.getRGB((int) p1000.getX(), (int) p1000.getY()) & 0xffffff, "the point is drawn");
        Point2D mid = plot.toPixel(Math.sqrt(100 * 1000), 1e-10);
        assertEquals((p100.getX() + p1000.getX()) / 2, mid.getX(), 1e-9, "log x: the geometric mean is halfway");
        assertTrue(p1000.getY() > p100.getY(), "smaller C_ℓ lower in the image");

        List<Ticks.Tick> decades = Ticks.log(1e-12, 1e-6).stream().filter(Ticks.Tick::major).toList();
        assertEquals(List.of("1e-12", "1e-11", "1e-10", "1e-9", "1e-8", "1e-7", "1e-6"), decades.stream().map(Ticks.Tick::label).toList());
        List<String> narrow = Ticks.log(2, 30).stream().filter(Ticks.Tick::major).map(Ticks.Tick::label).toList();
        assertEquals(List.of("2", "5", "10", "20"), narrow);
        assertEquals(List.of("0", "0.2", "0.4", "0.6", "0.8", "1.0"), Ticks.linear(0, 1, 5).stream().map(Ticks.Tick::label).toList());

        LinePlot nothing = LinePlot.of("empty", "x", "y").withLogY().with("zeros", new double[] {1, 2}, new double[] {0, 0});
        assertThrows(IllegalArgumentException.class, nothing::render);
    }

    @Test
    void linearPlotWithFixedRangeAndLegend() throws Exception {
        double[] x = {0, 0.5, 1};
        LinePlot plot = LinePlot.of("coverage", "credible level", "empirical coverage").withYRange(0, 1).withXRange(0, 1)
                .with("ideal", x, x)
                .with(new LinePlot.Series("posterior", x, new double[] {0, 0.45, 1}, LinePlot.Style.LINE_AND_POINTS));
        BufferedImage image = plot.render();
        assertEquals(640, image.getWidth());
        Point2D origin = plot.toPixel(0, 0);
        Rectangle2D area = plot.plotArea();
        assertEquals(area.getMinX(), origin.getX(), 1e-9);
        assertEquals(area.getMaxY(), origin.getY(), 1e-9);
    }
}
