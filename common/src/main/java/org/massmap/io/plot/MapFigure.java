package org.massmap.io.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.massmap.io.MassmapIoException;
import org.massmap.io.SkyMap;

/**
 * A PNG quick-look of one or more maps, readable without tools (docs/conventions.md, Outputs): panels in a
 * grid of {@code columns}, each with a title, North/East arrows (North up, East left: row ny-1 at
 * the top, column 0 at the left), NaN pixels in grey, optional markers, and a colorbar with tick
 * labels, either per panel or one shared by every panel that has no scale of its own. Small maps
 * are enlarged by an integer factor (nearest neighbour) so that each panel is at least
 * {@code minPanelPixels} wide (256 by default: a 64x64 map is drawn 4x). Immutable; rendering is
 * headless Java2D (no display needed; run with {@code -Djava.awt.headless=true} on servers).
 *
 * <pre>{@code
 * MapFigure.of("Tile 12", 4, List.of(MapPanel.of(truth, "truth"), MapPanel.of(mask, "mask").withScale(maskScale),
 *         MapPanel.of(ks, "Kaiser-Squires"), MapPanel.of(mean, "posterior mean"), ...samples...))
 *     .withRobustSharedScale(Colormap.MAGMA, "κ")
 *     .writePng(dir.resolve("fig1.png"));
 * }</pre>
 */
public final class MapFigure {

    private static final int MARGIN = 12;
    private static final int GAP = 16;

    private final String title;
    private final int columns;
    private final List<MapPanel> panels;
    private final ColorScale shared;
    private final int minPanelPixels;

    private MapFigure(String title, int columns, List<MapPanel> panels, ColorScale shared, int minPanelPixels) {
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("a figure needs at least one panel");
        }
        if (columns < 1) {
            throw new IllegalArgumentException("a figure needs at least one column, got " + columns);
        }
        if (minPanelPixels < 1) {
            throw new IllegalArgumentException("minimum panel size must be positive, got " + minPanelPixels);
        }
        this.title = Objects.requireNonNullElse(title, "");
        this.columns = Math.min(columns, panels.size());
        this.panels = List.copyOf(panels);
        this.shared = shared;
        this.minPanelPixels = minPanelPixels;
    }

    /** Panels laid out row by row in {@code columns} columns, each with its own colorbar until a shared scale is set. */
    public static MapFigure of(String title, int columns, List<MapPanel> panels) {
        return new MapFigure(title, columns, panels, null, 256);
    }

    /** One map with a robust viridis scale labelled with its unit. */
    public static MapFigure single(SkyMap map, String title) {
        double[] v = map.values();
        ColorScale scale = ColorScale.robust(v, Colormap.VIRIDIS, map.unit() == null ? "" : map.unit());
        return of(title, 1, List.of(MapPanel.of(map, "").withScale(scale)));
    }

    /** The same figure with {@code scale} shared by all panels without their own scale (one colorbar). */
    public MapFigure withSharedScale(ColorScale scale) {
        return new MapFigure(title, columns, panels, Objects.requireNonNull(scale, "scale"), minPanelPixels);
    }

    /** A shared scale at the 1st-99th percentiles of the pooled values of the panels without their own scale. */
    public MapFigure withRobustSharedScale(Colormap colormap, String label) {
        int n = 0;
        for (MapPanel p : panels) {
            n += p.scale() == null ? p.nx() * p.ny() : 0;
        }
        double[] pooled = new double[n];
        int at = 0;
        for (MapPanel p : panels) {
            if (p.scale() == null) {
                for (int i = 0; i < p.nx() * p.ny(); i++) {
                    pooled[at++] = p.value(i);
                }
            }
        }
        return withSharedScale(ColorScale.robust(pooled, colormap, label));
    }

    /** The same figure with another minimum panel width in pixels. */
    public MapFigure withMinPanelPixels(int pixels) {
        return new MapFigure(title, columns, panels, shared, pixels);
    }

    /** Integer enlargement factor of panel {@code i}. */
    public int zoom(int i) {
        MapPanel p = panels.get(i);
        return Math.max(1, (minPanelPixels + p.nx() - 1) / p.nx());
    }

    /** Where the map image of panel {@code i} lies in the rendered figure. */
    public Rectangle panelBounds(int i) {
        Layout l = layout();
        MapPanel p = panels.get(i);
        int col = i % columns;
        int row = i / columns;
        int x = l.columnX[col];
        int y = l.top + row * (l.cellHeight + GAP) + l.panelTitle;
        return new Rectangle(x, y, p.nx() * zoom(i), p.ny() * zoom(i));
    }

    /** Draws the figure. */
    public BufferedImage render() {
        Layout l = layout();
        BufferedImage image = new BufferedImage(l.width, l.height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Draw.canvas(image);
        try {
            if (!title.isEmpty()) {
                Draw.centred(g, title, Draw.TITLE, l.width / 2, MARGIN + Draw.metrics(Draw.TITLE).getAscent());
            }
            for (int i = 0; i < panels.size(); i++) {
                drawPanel(g, image, i, l);
            }
            if (l.sharedUsed) {
                Rectangle first = panelBounds(0);
                int bottom = l.top + l.rows * (l.cellHeight + GAP) - GAP;
                Draw.colorbar(g, image, shared, l.width - MARGIN - Draw.colorbarWidth(shared), first.y, bottom - first.y);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Renders and writes the figure as a PNG, atomically. */
    public void writePng(Path file) throws MassmapIoException {
        PngFiles.write(file, render());
    }

    private void drawPanel(Graphics2D g, BufferedImage image, int i, Layout l) {
        MapPanel p = panels.get(i);
        ColorScale scale = scaleOf(p);
        Rectangle r = panelBounds(i);
        int z = zoom(i);
        for (int iy = 0; iy < p.ny(); iy++) {
            int top = r.y + (p.ny() - 1 - iy) * z; // North up: the last row at the top
            for (int ix = 0; ix < p.nx(); ix++) {
                int rgb = scale.rgb(p.value(iy * p.nx() + ix));
                int left = r.x + ix * z; // column 0 (East-most) at the left
                for (int dy = 0; dy < z; dy++) {
                    for (int dx = 0; dx < z; dx++) {
                        image.setRGB(left + dx, top + dy, rgb);
                    }
                }
            }
        }
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(r.x - 1, r.y - 1, r.width + 1, r.height + 1);
        if (!p.title().isEmpty()) {
            Draw.centred(g, p.title(), Draw.LABEL, r.x + r.width / 2, r.y - 6);
        }
        drawMarkers(g, p, r, z);
        drawCompass(g, r);
        if (p.scale() != null || shared == null) {
            Draw.colorbar(g, image, scale, r.x + r.width + 8, r.y, r.height);
        }
    }

    private static void drawMarkers(Graphics2D g, MapPanel p, Rectangle r, int z) {
        for (Marker m : p.markers()) {
            double cx = r.x + (m.x() + 0.5) * z;
            double cy = r.y + (p.ny() - 1 - m.y() + 0.5) * z;
            double rad = m.radius() * z;
            Ellipse2D circle = new Ellipse2D.Double(cx - rad, cy - rad, 2 * rad, 2 * rad);
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke(3f));
            g.draw(circle);
            g.setColor(Color.WHITE);
            g.setStroke(new BasicStroke(1.5f));
            g.draw(circle);
            if (!m.label().isEmpty()) {
                Draw.haloText(g, m.label(), Draw.TICK, (int) Math.round(cx + rad * 0.75 + 2), (int) Math.round(cy - rad * 0.75 - 2));
            }
        }
    }

    /** North (up) and East (left) arrows in the lower right corner of the panel. */
    private static void drawCompass(Graphics2D g, Rectangle r) {
        double length = Math.max(14, Math.min(r.width, r.height) / 9.0);
        double ox = r.x + r.width - 10;
        double oy = r.y + r.height - 10;
        Draw.arrow(g, ox, oy, ox, oy - length);
        Draw.arrow(g, ox, oy, ox - length, oy);
        int ascent = Draw.metrics(Draw.TICK).getAscent();
        Draw.haloText(g, "N", Draw.TICK, (int) ox - 4, (int) (oy - length - 4));
        Draw.haloText(g, "E", Draw.TICK, (int) (ox - length - 14), (int) oy + ascent / 2 - 1);
    }

    private ColorScale scaleOf(MapPanel p) {
        if (p.scale() != null) {
            return p.scale();
        }
        return shared != null ? shared : ColorScale.robust(p.values(), Colormap.VIRIDIS, "");
    }

    private record Layout(int width, int height, int top, int panelTitle, int[] columnX, int cellHeight, int rows, boolean sharedUsed) {
    }

    private Layout layout() {
        int panelTitle = Draw.metrics(Draw.LABEL).getHeight() + 8;
        int top = MARGIN + (title.isEmpty() ? 0 : Draw.metrics(Draw.TITLE).getHeight() + 6);
        int[] columnWidth = new int[columns];
        int imageHeight = 0;
        boolean sharedUsed = false;
        for (int i = 0; i < panels.size(); i++) {
            MapPanel p = panels.get(i);
            boolean hasOwn = p.scale() != null || shared == null;
            sharedUsed |= !hasOwn;
            int w = p.nx() * zoom(i) + (hasOwn ? 8 + Draw.colorbarWidth(scaleOf(p)) : 0);
            columnWidth[i % columns] = Math.max(columnWidth[i % columns], w);
            imageHeight = Math.max(imageHeight, p.ny() * zoom(i));
        }
        int rows = (panels.size() + columns - 1) / columns;
        int cellHeight = panelTitle + imageHeight;
        int[] columnX = new int[columns];
        int x = MARGIN;
        for (int c = 0; c < columns; c++) {
            columnX[c] = x;
            x += columnWidth[c] + GAP;
        }
        int width = x - GAP + MARGIN + (sharedUsed ? GAP + Draw.colorbarWidth(shared) : 0);
        int height = top + rows * (cellHeight + GAP) - GAP + MARGIN;
        return new Layout(width, height, top, panelTitle, columnX, cellHeight, rows, sharedUsed);
    }
}
