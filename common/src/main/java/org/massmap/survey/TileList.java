package org.massmap.survey;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.massmap.grid.SkyPoint;
import org.massmap.io.MassmapIoException;

/**
 * An explicit list of tiles, e.g. read from a tile-list file, as the alternative to the ring scheme.
 * Position look-ups use the tiles sorted by Dec: only tiles whose centre lies within the largest
 * tile radius in Dec are tested. Immutable, thread-safe and serializable.
 *
 * <p>File format (UTF-8 text): one tile per line, {@code id, ra, dec[, size, pixel_arcmin]}
 * separated by commas or white space, RA/Dec of the centre in degrees; size and pixel size default
 * to the values given to {@link #read}. Blank lines and lines starting with {@code #} are skipped; a
 * first line whose second field is not a number (e.g. {@code id,ra,dec}) is a header.
 * <pre>
 * # id, ra, dec, size, pixel_arcmin
 * cosmos, 150.12, 2.21, 360, 0.29
 * xmm-lss, 35.7, -4.75
 * </pre>
 */
public final class TileList implements Tiling {
    private static final long serialVersionUID = 1L;

    private final Tile[] byDec; // sorted by centre Dec
    private final double[] decs;
    private final double maxRadiusDeg;
    private final Map<String, Tile> byId;

    private TileList(List<Tile> tiles) {
        this.byDec = tiles.toArray(new Tile[0]);
        Arrays.sort(byDec, Comparator.comparingDouble(Tile::decDeg).thenComparing(Tile::id));
        this.decs = Arrays.stream(byDec).mapToDouble(Tile::decDeg).toArray();
        this.maxRadiusDeg = Arrays.stream(byDec).mapToDouble(t -> Math.toDegrees(t.radiusRad())).max().orElse(0);
        this.byId = new HashMap<>();
        for (Tile t : tiles) {
            if (byId.put(t.id(), t) != null) {
                throw new IllegalArgumentException("tile id '" + t.id() + "' appears twice; tile ids must be unique");
            }
        }
    }

    /** A tiling of the given tiles (unique ids). */
    public static TileList of(List<Tile> tiles) {
        return new TileList(tiles);
    }

    /** Reads a tile-list file (format above); tiles without size or pixel size get the defaults. */
    public static TileList read(Path file, int defaultSize, double defaultPixelArcmin) throws MassmapIoException {
        List<Tile> tiles = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int lineNo = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNo++;
                String text = line.strip();
                if (text.isEmpty() || text.startsWith("#")) {
                    continue;
                }
                String[] f = text.split("\\s*,\\s*|\\s+");
                if (tiles.isEmpty() && f.length >= 2 && !isNumber(f[1])) {
                    continue; // header
                }
                if (f.length != 3 && f.length != 5) {
                    throw new MassmapIoException(file, "line " + lineNo + ": expected 'id, ra, dec' or 'id, ra, dec, size, pixel_arcmin', got '"
                            + text + "'");
                }
                try {
                    int size = f.length == 5 ? Integer.parseInt(f[3]) : defaultSize;
                    double pixel = f.length == 5 ? Double.parseDouble(f[4]) : defaultPixelArcmin;
                    tiles.add(new Tile(f[0], Double.parseDouble(f[1]), Double.parseDouble(f[2]), size, pixel));
                } catch (IllegalArgumentException e) { // NumberFormatException included
                    throw new MassmapIoException(file, "line " + lineNo + ": " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new MassmapIoException(file, "cannot read the tile list", e);
        }
        if (tiles.isEmpty()) {
            throw new MassmapIoException(file, "the tile list has no tiles; add lines 'id, ra, dec'");
        }
        try {
            return new TileList(tiles);
        } catch (IllegalArgumentException e) {
            throw new MassmapIoException(file, e.getMessage(), e);
        }
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The tiles, ordered by id. */
    public List<Tile> tiles() {
        return byId.values().stream().sorted(Comparator.comparing(Tile::id)).toList();
    }

    @Override
    public Optional<Tile> tile(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public List<Tile> tilesContaining(double raDeg, double decDeg) {
        if (!Double.isFinite(raDeg) || !(decDeg >= -90 && decDeg <= 90)) {
            throw new IllegalArgumentException("position needs a finite RA and Dec in [-90, 90], got (" + raDeg + ", " + decDeg + ")");
        }
        double ra = SkyPoint.normaliseRa(raDeg);
        int from = lowerBound(decDeg - maxRadiusDeg);
        List<Tile> out = new ArrayList<>(2);
        double[] scratch = new double[2];
        for (int i = from; i < byDec.length && decs[i] <= decDeg + maxRadiusDeg; i++) {
            Tile t = byDec[i];
            if (t.contains(t.tangentPlane(), ra, decDeg, scratch)) {
                out.add(t);
            }
        }
        out.sort(Comparator.comparing(Tile::id));
        return out;
    }

    /** Among the tiles containing the position, the one with the nearest centre (ties: smallest id). */
    @Override
    public Optional<Tile> homeTile(double raDeg, double decDeg) {
        SkyPoint p = new SkyPoint(raDeg, decDeg);
        return tilesContaining(raDeg, decDeg).stream()
                .min(Comparator.comparingDouble((Tile t) -> t.centre().separationRad(p)).thenComparing(Tile::id));
    }

    private int lowerBound(double dec) {
        int a = 0;
        int b = decs.length;
        while (a < b) {
            int mid = (a + b) >>> 1;
            if (decs[mid] < dec) {
                a = mid + 1;
            } else {
                b = mid;
            }
        }
        return a;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TileList l && l.byId.equals(byId);
    }

    @Override
    public int hashCode() {
        return byId.hashCode();
    }

    @Override
    public String toString() {
        return "tile list of " + byDec.length + " tiles";
    }
}
