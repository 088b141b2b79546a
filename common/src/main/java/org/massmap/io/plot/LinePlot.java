package org.massmap.io.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.massmap.io.MassmapIoException;

/**
 * A simple x/y line plot as PNG, drawn by JFreeChart: power spectra C_ℓ against ℓ (log-log), loss
 * curves, coverage plots. Each axis is linear or logarithmic (values that are not finite, or not
 * positive on a log axis, are skipped and break the line), ranges fit the data unless given, with tick
 * labels, axis labels, a title and a legend of the labelled series. Colours follow the
 * colour-blind-safe Okabe-Ito palette in series order. Immutable; headless Java2D.
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

    /** The rectangle of the plotting area inside the image, pixels. */
    public Rectangle2D plotArea() {
        ChartRenderingInfo info = new ChartRenderingInfo();
        chart().createBufferedImage(width, height, BufferedImage.TYPE_INT_RGB, info);
        return info.getPlotInfo().getDataArea();
    }

    /** Pixel position of data point (x, y) in the rendered image. */
    public Point2D toPixel(double x, double y) {
        Rectangle2D area = plotArea();
        return new Point2D.Double(axis(xAxis(), "").valueToJava2D(x, area, RectangleEdge.BOTTOM),
                axis(yAxis(), "").valueToJava2D(y, area, RectangleEdge.LEFT));
    }

    /** The colour (0xRRGGBB) of series {@code i}. */
    public static int colorOf(int i) {
        return PALETTE[i % PALETTE.length];
    }

    /** Draws the plot. */
    public BufferedImage render() {
        return chart().createBufferedImage(width, height, BufferedImage.TYPE_INT_RGB, null);
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

    /** A JFreeChart axis over the range of {@code a}. */
    private static ValueAxis axis(Axis a, String label) {
        ValueAxis axis;
        if (a.log()) {
            LogAxis log = new LogAxis(label);
            log.setSmallestValue(a.lo());
            if (Math.log10(a.hi() / a.lo()) >= 1.5) { // whole decades, labelled 10^n
                log.setTickUnit(new NumberTickUnit(1, new DecimalFormat("0", DecimalFormatSymbols.getInstance(Locale.ROOT))), false, true);
                log.setMinorTickMarksVisible(true);
                log.setMinorTickCount(9);
            }
            axis = log;
        } else {
            NumberAxis linear = new NumberAxis(label);
            linear.setAutoRangeIncludesZero(false);
            axis = linear;
        }
        axis.setAutoRange(false);
        axis.setRange(a.lo(), a.hi());
        axis.setLabelFont(Draw.LABEL);
        axis.setTickLabelFont(Draw.TICK);
        return axis;
    }

    private JFreeChart chart() {
        if (series.isEmpty()) {
            throw new IllegalStateException("plot '" + title + "' has no series to draw");
        }
        Axis xa = xAxis();
        Axis ya = yAxis();
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer();
        Shape dot = new Ellipse2D.Double(-3, -3, 6, 6);
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            XYSeries points = new XYSeries(new SeriesKey(i, s.label), false, true);
            for (int k = 0; k < s.x.length; k++) {
                boolean placed = xa.accepts(s.x[k]) && ya.accepts(s.y[k]);
                points.add(placed ? s.x[k] : Double.NaN, placed ? s.y[k] : Double.NaN); // NaN: a gap in the line
            }
            data.addSeries(points);
            renderer.setSeriesPaint(i, new Color(colorOf(i)));
            renderer.setSeriesLinesVisible(i, s.style != Style.POINTS);
            renderer.setSeriesShapesVisible(i, s.style == Style.POINTS || s.style == Style.LINE_AND_POINTS);
            renderer.setSeriesShape(i, dot);
            renderer.setSeriesStroke(i, stroke(s.style));
            renderer.setSeriesVisibleInLegend(i, !s.label.isEmpty());
        }
        renderer.setDrawSeriesLineAsPath(true);
        XYPlot plot = new XYPlot(data, axis(xa, xLabel), axis(ya, yLabel), renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xE0E0E0));
        plot.setRangeGridlinePaint(new Color(0xE0E0E0));
        plot.setOutlinePaint(Color.BLACK);
        plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD); // later series on top
        JFreeChart chart = new JFreeChart(null, Draw.TITLE, plot, series.stream().anyMatch(s -> !s.label.isEmpty()));
        if (!title.isEmpty()) {
            chart.setTitle(new TextTitle(title, Draw.TITLE));
        }
        chart.setBackgroundPaint(Color.WHITE);
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setItemFont(Draw.TICK);
            legend.setFrame(BlockBorder.NONE);
        }
        return chart;
    }

    private static Stroke stroke(Style style) {
        return style == Style.DASHED
                ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {7f, 5f}, 0f)
                : new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }

    /** A series' key: unique by position (labels may repeat or be empty), shown as its label. */
    private record SeriesKey(int index, String label) implements Comparable<SeriesKey> {
        @Override
        public int compareTo(SeriesKey other) {
            return Integer.compare(index, other.index);
        }

        @Override
        public String toString() {
            return label;
        }
    }
}
