package org.massmap.io;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A simple x/y line plot as PNG: power spectra C_ℓ against ℓ (log-log), loss curves, coverage
 * plots. Each axis is linear or logarithmic (values that are not finite, or not positive on a log
 * axis, are skipped and break the line), ranges fit the data unless given, with tick labels, axis
 * labels, a title and a legend of the labelled series. Colours follow the colour-blind-safe
 * Okabe-Ito palette in series order. Immutable; headless Java2D.
 *
 * <pre>{@code
 * LinePlot.of("Convergence power spectrum", "ℓ", "C_ℓ").withLogX().withLogY()
 *     .with(new LinePlot.Series("theory", ell, clTheory, LinePlot.Style.LINE))
 *     .with(new LinePlot.Series("posterior samples", ell, clSamples, LinePlot.Style.POINTS))
 *     .writePng(dir.resolve("power.png"));
 * }</pre>
 */
public final class LinePlot {

    /** How a series is drawn. */
    public enum Style { LINE, DASHED, POINTS, LINE_AND_POINTS }

    /** One data series: points (x[i], y[i]) in order, drawn in {@code style}; an empty label keeps it out of the legend. */
    public record Series(String label, double[] x, double[] y, Style style) {
        public Series {
            label = Objects.requireNonNullElse(label, "");
            Objects.requireNonNull(style, "style");
            if (x.length != y.length) {
                throw new IllegalArgumentException("series '" + label + "' has " + x.length + " x values but " + y.length + " y values");
            }
            x = x.clone();
            y = y.clone();
        }

        @Override
        public double[] x() {
            return x.clone();
        }

        @Override
        public double[] y() {
            return y.clone();
        }
    }

    private static final int[] PALETTE = {0x0072B2, 0xD55E00, 0x009E73, 0xCC79A7, 0xE69F00, 0x56B4E9, 0x000000, 0xF0E442};

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final boolean logX;
    private final boolean logY;
    private final double[] xRange;
    private final double[] yRange;
    private final int width;
    private final int height;
    private final List<Series> series;

    private LinePlot(String title, String xLabel, String yLabel, boolean logX, boolean logY, double[] xRange, double[] yRange,
            int width, int height, List<Series> series) {
        this.title = Objects.requireNonNullElse(title, "");
        this.xLabel = Objects.requireNonNullElse(xLabel, "");
        this.yLabel = Objects.requireNonNullElse(yLabel, "");
        this.logX = logX;
        this.logY = logY;
        this.xRange = xRange;
        this.yRange = yRange;
        this.width = width;
        this.height = height;
        this.series = List.copyOf(series);
    }

    /** An empty 640x440 plot with linear axes. */
    public static LinePlot of(String title, String xLabel, String yLabel) {
        return new LinePlot(title, xLabel, yLabel, false, false, null, null, 640, 440, List.of());
    }

    /** The same plot with another series added. */
    public LinePlot with(Series s) {
        List<Series> more = new ArrayList<>(series);
        more.add(s);
        return new LinePlot(title, xLabel, yLabel, logX, logY, xRange, yRange, width, height, more);
    }

    /** Adds a line series. */
    public LinePlot with(String label, double[] x, double[] y) {
        return with(new Series(label, x, y, Style.LINE));
    }

    public LinePlot withLogX() {
        return new LinePlot(title, xLabel, yLabel, true, logY, xRange, yRange, width, height, series);
    }

    public LinePlot withLogY() {
        return new LinePlot(title, xLabel, yLabel, logX, true, xRange, yRange, width, height, series);
    }

    /** A fixed x range instead of one fitted to the data. */
    public LinePlot withXRange(double min, double max) {
        Axis checked = new Axis(min, max, logX);
        return new LinePlot(title, xLabel, yLabel, logX, logY, new double[] {checked.lo(), checked.hi()}, yRange, width, height, series);
    }

    /** A fixed y range instead of one fitted to the data (e.g. 0-1 for coverage). */
    public LinePlot withYRange(double min, double max) {
        Axis checked = new Axis(min, max, logY);
        return new LinePlot(title, xLabel, yLabel, logX, logY, xRange, new double[] {checked.lo(), checked.hi()}, width, height, series);
    }

    /** The image size in pixels. */
    public LinePlot withSize(int newWidth, int newHeight) {
        if (newWidth < 200 || newHeight < 150) {
            throw new IllegalArgumentException("a line plot needs at least 200 x 150 pixels, got " + newWidth + " x " + newHeight);
        }
        return new LinePlot(title, xLabel, yLabel, logX, logY, xRange, yRange, newWidth, newHeight, series);
    }

    /** The rectangle of the plotting area inside the image. */
    public Rectangle plotArea() {
        FontMetrics tick = Draw.metrics(Draw.TICK);
        FontMetrics label = Draw.metrics(Draw.LABEL);
        int widest = 0;
        for (Ticks.Tick t : yAxis().ticks()) {
            widest = Math.max(widest, tick.stringWidth(t.label()));
        }
        int left = 10 + (yLabel.isEmpty() ? 0 : label.getHeight() + 4) + widest + 8;
        int top = 10 + (title.isEmpty() ? 0 : Draw.metrics(Draw.TITLE).getHeight() + 6);
        int bottom = 10 + (xLabel.isEmpty() ? 0 : label.getHeight() + 2) + tick.getHeight() + 8;
        return new Rectangle(left, top, width - left - 16, height - top - bottom);
    }

    /** Pixel position of data point (x, y) in the rendered image. */
    public Point2D toPixel(double x, double y) {
        Rectangle r = plotArea();
        return new Point2D.Double(r.x + xAxis().fraction(x) * r.width, r.y + r.height - yAxis().fraction(y) * r.height);
    }

    /** The colour (0xRRGGBB) of series {@code i}. */
    public static int colorOf(int i) {
        return PALETTE[i % PALETTE.length];
    }

    /** Draws the plot. */
    public BufferedImage render() {
        if (series.isEmpty()) {
            throw new IllegalStateException("plot '" + title + "' has no series to draw");
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Draw.canvas(image);
        try {
            Rectangle r = plotArea();
            drawAxes(g, r);
            Graphics2D clipped = (Graphics2D) g.create();
            clipped.clip(new Rectangle(r.x, r.y, r.width + 1, r.height + 1));
            for (int i = 0; i < series.size(); i++) {
                drawSeries(clipped, series.get(i), new Color(colorOf(i)));
            }
            clipped.dispose();
            drawLegend(g, r);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Renders and writes the plot as a PNG, atomically. */
    public void writePng(Path file) throws MassmapIoException {
        PngFiles.write(file, render());
    }

    private Axis xAxis() {
        return xRange != null ? new Axis(xRange[0], xRange[1], logX) : fitted(true);
    }

    private Axis yAxis() {
        return yRange != null ? new Axis(yRange[0], yRange[1], logY) : fitted(false);
    }

    private Axis fitted(boolean isX) {
        boolean log = isX ? logX : logY;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.x.length; i++) {
                double v = isX ? s.x[i] : s.y[i];
                double other = isX ? s.y[i] : s.x[i];
                boolean otherOk = Double.isFinite(other) && (!(isX ? logY : logX) || other > 0);
                if (Double.isFinite(v) && (!log || v > 0) && otherOk) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (min > max) {
            throw new IllegalArgumentException("plot '" + title + "': no point has finite " + (logX ? "positive " : "") + "x and "
                    + (logY ? "positive " : "") + "y values to draw");
        }
        return Axis.fit(min, max, log);
    }

    private void drawAxes(Graphics2D g, Rectangle r) {
        Axis xa = xAxis();
        Axis ya = yAxis();
        FontMetrics fm = Draw.metrics(Draw.TICK);
        g.setFont(Draw.TICK);
        for (Ticks.Tick t : xa.ticks()) {
            int px = (int) Math.round(r.x + xa.fraction(t.value()) * r.width);
            if (t.major()) {
                g.setColor(new Color(0xE0E0E0));
                g.drawLine(px, r.y, px, r.y + r.height);
            }
            g.setColor(Color.BLACK);
            g.drawLine(px, r.y + r.height, px, r.y + r.height + (t.major() ? 5 : 3));
            g.drawString(t.label(), px - fm.stringWidth(t.label()) / 2, r.y + r.height + 6 + fm.getAscent());
        }
        for (Ticks.Tick t : ya.ticks()) {
            int py = (int) Math.round(r.y + r.height - ya.fraction(t.value()) * r.height);
            if (t.major()) {
                g.setColor(new Color(0xE0E0E0));
                g.drawLine(r.x, py, r.x + r.width, py);
            }
            g.setColor(Color.BLACK);
            g.drawLine(r.x - (t.major() ? 5 : 3), py, r.x, py);
            g.drawString(t.label(), r.x - 7 - fm.stringWidth(t.label()), py + fm.getAscent() / 2 - 1);
        }
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(r.x, r.y, r.width, r.height);
        if (!title.isEmpty()) {
            Draw.centred(g, title, Draw.TITLE, r.x + r.width / 2, 10 + Draw.metrics(Draw.TITLE).getAscent());
        }
        if (!xLabel.isEmpty()) {
            Draw.centred(g, xLabel, Draw.LABEL, r.x + r.width / 2, height - 10);
        }
        if (!yLabel.isEmpty()) {
            Draw.vertical(g, yLabel, Draw.LABEL, 10 + Draw.metrics(Draw.LABEL).getAscent(), r.y + r.height / 2);
        }
    }

    private void drawSeries(Graphics2D g, Series s, Color color) {
        g.setColor(color);
        boolean lines = s.style != Style.POINTS;
        boolean points = s.style == Style.POINTS || s.style == Style.LINE_AND_POINTS;
        g.setStroke(s.style == Style.DASHED
                ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {7f, 5f}, 0f)
                : new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        Path2D path = new Path2D.Double();
        boolean penDown = false;
        Axis xa = xAxis();
        Axis ya = yAxis();
        for (int i = 0; i < s.x.length; i++) {
            if (!xa.accepts(s.x[i]) || !ya.accepts(s.y[i])) {
                penDown = false; // a gap in the line
                continue;
            }
            Point2D p = toPixel(s.x[i], s.y[i]);
            if (penDown) {
                path.lineTo(p.getX(), p.getY());
            } else {
                path.moveTo(p.getX(), p.getY());
                penDown = true;
            }
            if (points) {
                g.fill(new Ellipse2D.Double(p.getX() - 3, p.getY() - 3, 6, 6));
            }
        }
        if (lines) {
            g.draw(path);
        }
    }

    private void drawLegend(Graphics2D g, Rectangle r) {
        List<Integer> shown = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            if (!series.get(i).label.isEmpty()) {
                shown.add(i);
            }
        }
        if (shown.isEmpty()) {
            return;
        }
        FontMetrics fm = Draw.metrics(Draw.TICK);
        int widest = 0;
        for (int i : shown) {
            widest = Math.max(widest, fm.stringWidth(series.get(i).label));
        }
        int line = fm.getHeight() + 2;
        int boxW = 8 + 24 + 6 + widest + 8;
        int boxH = 6 + shown.size() * line + 2;
        int x = r.x + r.width - boxW - 8;
        int y = r.y + 8;
        g.setColor(new Color(255, 255, 255, 225));
        g.fillRect(x, y, boxW, boxH);
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(x, y, boxW, boxH);
        g.setFont(Draw.TICK);
        for (int k = 0; k < shown.size(); k++) {
            Series s = series.get(shown.get(k));
            int cy = y + 6 + k * line + line / 2;
            g.setColor(new Color(colorOf(shown.get(k))));
            if (s.style != Style.POINTS) {
                g.setStroke(s.style == Style.DASHED
                        ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {7f, 5f}, 0f)
                        : new BasicStroke(2f));
                g.draw(new Line2D.Double(x + 8, cy, x + 32, cy));
            }
            if (s.style == Style.POINTS || s.style == Style.LINE_AND_POINTS) {
                g.fill(new Ellipse2D.Double(x + 20 - 3, cy - 3, 6, 6));
            }
            g.setColor(Color.BLACK);
            g.drawString(s.label, x + 38, cy + fm.getAscent() / 2 - 1);
        }
    }
}
