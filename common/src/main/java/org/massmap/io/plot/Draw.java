package org.massmap.io.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.util.List;

/** Java2D drawing helpers shared by the figures: fonts, text, arrows, colorbars; package-private. */
final class Draw {

    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    static final int COLORBAR_WIDTH = 14;

    private Draw() {
    }

    /** A white RGB canvas with antialiased text and shapes. */
    static Graphics2D canvas(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        return g;
    }

    /** Font metrics without a figure to draw on (for layout). */
    static FontMetrics metrics(Font font) {
        Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        try {
            return g.getFontMetrics(font);
        } finally {
            g.dispose();
        }
    }

    /** Text centred horizontally on x with its baseline at y. */
    static void centred(Graphics2D g, String text, Font font, int x, int y) {
        g.setFont(font);
        g.drawString(text, x - g.getFontMetrics().stringWidth(text) / 2, y);
    }

    /** Text rotated 90 degrees counter-clockwise, centred on (x, y) vertically, baseline at x. */
    static void vertical(Graphics2D g, String text, Font font, int x, int y) {
        AffineTransform saved = g.getTransform();
        g.setFont(font);
        g.translate(x, y);
        g.rotate(-Math.PI / 2);
        g.drawString(text, -g.getFontMetrics().stringWidth(text) / 2, 0);
        g.setTransform(saved);
    }

    /** White text with a dark outline, readable on any colormap. */
    static void haloText(Graphics2D g, String text, Font font, int x, int y) {
        g.setFont(font);
        g.setColor(Color.BLACK);
        for (int dx = -1; dx <= 1; dx++) {
            for (int dy = -1; dy <= 1; dy++) {
                if (dx != 0 || dy != 0) {
                    g.drawString(text, x + dx, y + dy);
                }
            }
        }
        g.setColor(Color.WHITE);
        g.drawString(text, x, y);
    }

    /** An arrow from (x0, y0) to (x1, y1), white with a dark outline. */
    static void arrow(Graphics2D g, double x0, double y0, double x1, double y1) {
        double angle = Math.atan2(y1 - y0, x1 - x0);
        double head = 6;
        Line2D[] lines = {
            new Line2D.Double(x0, y0, x1, y1),
            new Line2D.Double(x1, y1, x1 - head * Math.cos(angle - 0.45), y1 - head * Math.sin(angle - 0.45)),
            new Line2D.Double(x1, y1, x1 - head * Math.cos(angle + 0.45), y1 - head * Math.sin(angle + 0.45))};
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(3.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (Line2D l : lines) {
            g.draw(l);
        }
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (Line2D l : lines) {
            g.draw(l);
        }
    }

    /** Width of a vertical colorbar block (bar, ticks, tick labels, rotated label). */
    static int colorbarWidth(ColorScale scale) {
        FontMetrics fm = metrics(TICK);
        int labels = 0;
        for (Ticks.Tick t : Ticks.linear(scale.vmin(), scale.vmax(), 5)) {
            labels = Math.max(labels, fm.stringWidth(t.label()));
        }
        int label = scale.label().isEmpty() ? 0 : metrics(LABEL).getHeight() + 4;
        return COLORBAR_WIDTH + 4 + labels + 6 + label;
    }

    /** A vertical colorbar with its top-left corner at (x, y), {@code height} pixels tall, vmax at the top. */
    static void colorbar(Graphics2D g, BufferedImage image, ColorScale scale, int x, int y, int height) {
        for (int row = 0; row < height; row++) {
            double value = scale.vmax() - (row + 0.5) / height * (scale.vmax() - scale.vmin());
            int rgb = scale.rgb(value);
            for (int col = 0; col < COLORBAR_WIDTH; col++) {
                image.setRGB(x + col, y + row, rgb);
            }
        }
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(x, y, COLORBAR_WIDTH, height);
        g.setFont(TICK);
        FontMetrics fm = g.getFontMetrics();
        int widest = 0;
        List<Ticks.Tick> ticks = Ticks.linear(scale.vmin(), scale.vmax(), 5);
        for (Ticks.Tick t : ticks) {
            int ty = (int) Math.round(y + (scale.vmax() - t.value()) / (scale.vmax() - scale.vmin()) * height);
            g.drawLine(x + COLORBAR_WIDTH, ty, x + COLORBAR_WIDTH + 3, ty);
            g.drawString(t.label(), x + COLORBAR_WIDTH + 5, ty + fm.getAscent() / 2 - 1);
            widest = Math.max(widest, fm.stringWidth(t.label()));
        }
        if (!scale.label().isEmpty()) {
            vertical(g, scale.label(), LABEL, x + COLORBAR_WIDTH + 5 + widest + 4 + metrics(LABEL).getAscent(), y + height / 2);
        }
    }
}
