package org.massmap.io.plot;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A colormap: a function from t in [0, 1] to an sRGB colour, sampled into 256 entries (a value
 * falls in entry {@code min(255, floor(256 t))}, as matplotlib does). The perceptually uniform
 * sequential maps {@link #VIRIDIS} and {@link #MAGMA} are matplotlib's published 256-entry tables
 * (CC0); {@link #RDBU} is ColorBrewer's diverging RdBu (blue low, white middle, red high) for
 * residuals and other signed quantities with a symmetric scale; {@link #GREYS} runs from black to
 * white (masks). Tables live in resource files next to this class. Immutable and thread-safe.
 */
public final class Colormap {

    /** Sequential, perceptually uniform, dark blue to yellow: the default for maps. */
    public static final Colormap VIRIDIS = load("viridis");
    /** Sequential, perceptually uniform, black to pale yellow. */
    public static final Colormap MAGMA = load("magma");
    /** Diverging, dark blue (low) through white to dark red (high): residuals, with a symmetric scale. */
    public static final Colormap RDBU = load("rdbu");
    /** Black (0) to white (1): masks. */
    public static final Colormap GREYS = fromKnots("greys", new double[][] {{0, 0, 0}, {1, 1, 1}});

    private static final int SIZE = 256;

    private final String name;
    private final int[] lut;

    private Colormap(String name, int[] lut) {
        this.name = name;
        this.lut = lut;
    }

    /**
     * A colormap through {@code knots} (at least 2 rows of red, green, blue in [0, 1]), evenly
     * spaced over [0, 1] and linearly interpolated; 256 knots are taken as they are.
     */
    public static Colormap fromKnots(String name, double[][] knots) {
        if (knots.length < 2) {
            throw new IllegalArgumentException("colormap '" + name + "' needs at least 2 knots, got " + knots.length);
        }
        int[] lut = new int[SIZE];
        for (int i = 0; i < SIZE; i++) {
            double pos = i * (knots.length - 1) / (double) (SIZE - 1);
            int k = Math.min((int) pos, knots.length - 2);
            double f = pos - k;
            int rgb = 0;
            for (int c = 0; c < 3; c++) {
                double v = (1 - f) * knots[k][c] + f * knots[k + 1][c];
                if (!(v >= 0 && v <= 1)) {
                    throw new IllegalArgumentException("colormap '" + name + "': colour components must lie in [0, 1], got " + v);
                }
                rgb = rgb << 8 | (int) Math.round(v * 255);
            }
            lut[i] = rgb;
        }
        return new Colormap(name, lut);
    }

    public String name() {
        return name;
    }

    /** The 0xRRGGBB colour for {@code t}, clipped to [0, 1]; NaN is an error (handle it in {@link ColorScale}). */
    public int rgb(double t) {
        if (Double.isNaN(t)) {
            throw new IllegalArgumentException("colormap '" + name + "' has no colour for NaN");
        }
        return lut[(int) Math.min(SIZE - 1, Math.max(0, Math.floor(t * SIZE)))];
    }

    @Override
    public String toString() {
        return "Colormap[" + name + "]";
    }

    private static Colormap load(String name) {
        String resource = name + ".txt";
        try (InputStream in = Colormap.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("colormap table " + resource + " is missing from the class path next to " + Colormap.class.getName());
            }
            List<double[]> knots = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                line = line.trim();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\\s+");
                knots.add(new double[] {Double.parseDouble(parts[0]), Double.parseDouble(parts[1]), Double.parseDouble(parts[2])});
            }
            return fromKnots(name, knots.toArray(new double[0][]));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read colormap table " + resource, e);
        }
    }
}
