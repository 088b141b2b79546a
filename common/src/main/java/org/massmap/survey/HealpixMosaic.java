package org.massmap.survey;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.massmap.healpix.Healpix;
import org.massmap.healpix.HealpixOrdering;
import org.massmap.io.MassmapIoException;
import org.massmap.io.fits.ColumnSpec;
import org.massmap.io.fits.FitsKeywords;
import org.massmap.io.fits.FitsTable;
import org.massmap.io.fits.FitsTableWriter;
import org.massmap.io.fits.FitsTables;
import org.massmap.io.fits.Provenance;
import org.massmap.io.fits.TableColumn;

/**
 * A partial-sky HEALPix map: the covered pixels (increasing indices in one ordering) and one or more
 * named value columns (NaN where a column has no value). Written as a FITS binary table in the
 * HEALPix convention for partial skies, which healpy ({@code read_map(file, field=…, partial=True)}),
 * TOPCAT and Aladin read: a 64-bit {@code PIXEL} column then the value columns, with header keywords
 * {@code PIXTYPE = 'HEALPIX'}, {@code ORDERING}, {@code NSIDE}, {@code INDXSCHM = 'EXPLICIT'},
 * {@code OBJECT = 'PARTIAL'}, {@code COORDSYS = 'C'} (celestial, ICRS) and {@code OBS_NPIX}.
 * Immutable.
 */
public final class HealpixMosaic {

    private static final int CHUNK = 1 << 20;

    private final Healpix healpix;
    private final HealpixOrdering ordering;
    private final long[] pixels;
    private final List<TableColumn.Doubles> columns;

    /**
     * @param pixels  strictly increasing pixel indices of {@code healpix} in {@code ordering}
     * @param columns at least one column, each with one value per pixel, distinct names other than PIXEL
     */
    public HealpixMosaic(Healpix healpix, HealpixOrdering ordering, long[] pixels, List<TableColumn.Doubles> columns) {
        this.healpix = Objects.requireNonNull(healpix, "healpix");
        this.ordering = Objects.requireNonNull(ordering, "ordering");
        this.pixels = pixels.clone();
        this.columns = List.copyOf(columns);
        if (this.columns.isEmpty()) {
            throw new IllegalArgumentException("a mosaic needs at least one value column");
        }
        for (int i = 0; i < this.pixels.length; i++) {
            if (this.pixels[i] < 0 || this.pixels[i] >= healpix.pixelCount() || (i > 0 && this.pixels[i] <= this.pixels[i - 1])) {
                throw new IllegalArgumentException("mosaic pixels must be strictly increasing indices in [0, " + healpix.pixelCount()
                        + "), got " + this.pixels[i] + " at position " + i);
            }
        }
        Set<String> names = new HashSet<>();
        names.add("PIXEL");
        for (TableColumn.Doubles c : this.columns) {
            if (!names.add(c.name().toUpperCase(Locale.ROOT))) {
                throw new IllegalArgumentException("mosaic column '" + c.name() + "' is repeated or named PIXEL; give columns distinct names");
            }
            if (c.length() != this.pixels.length) {
                throw new IllegalArgumentException("mosaic column '" + c.name() + "' has " + c.length() + " values for " + this.pixels.length + " pixels");
            }
        }
    }

    /** The union of several mosaics on the same grid and ordering; a column is NaN where its mosaic lacks the pixel. */
    public static HealpixMosaic join(List<HealpixMosaic> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("nothing to join");
        }
        HealpixMosaic first = parts.get(0);
        long[] union = new long[0];
        for (HealpixMosaic m : parts) {
            if (!m.healpix.equals(first.healpix) || m.ordering != first.ordering) {
                throw new IllegalArgumentException("cannot join mosaics on different grids: " + first.healpix + " " + first.ordering + " and "
                        + m.healpix + " " + m.ordering);
            }
            union = mergeSorted(union, m.pixels);
        }
        List<TableColumn.Doubles> columns = new ArrayList<>();
        for (HealpixMosaic m : parts) {
            for (TableColumn.Doubles c : m.columns) {
                double[] v = new double[union.length];
                Arrays.fill(v, Double.NaN);
                for (int i = 0, j = 0; i < m.pixels.length; i++) {
                    while (union[j] != m.pixels[i]) {
                        j++;
                    }
                    v[j] = c.get(i);
                }
                columns.add(TableColumn.doubles(c.name(), c.unit(), v));
            }
        }
        return new HealpixMosaic(first.healpix, first.ordering, union, columns);
    }

    private static long[] mergeSorted(long[] a, long[] b) {
        long[] out = new long[a.length + b.length];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < a.length || j < b.length) {
            long next = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i] : b[j];
            if (i < a.length && a[i] == next) {
                i++;
            }
            if (j < b.length && b[j] == next) {
                j++;
            }
            out[n++] = next;
        }
        return Arrays.copyOf(out, n);
    }

    public Healpix healpix() {
        return healpix;
    }

    public HealpixOrdering ordering() {
        return ordering;
    }

    /** Number of covered pixels. */
    public int size() {
        return pixels.length;
    }

    /** The covered pixel indices, increasing (a copy). */
    public long[] pixels() {
        return pixels.clone();
    }

    /** Pixel index at position {@code i}. */
    public long pixel(int i) {
        return pixels[i];
    }

    /** Column names in order. */
    public List<String> names() {
        return columns.stream().map(TableColumn::name).toList();
    }

    /** The column named {@code name} (case-insensitive). */
    public TableColumn.Doubles column(String name) {
        for (TableColumn.Doubles c : columns) {
            if (c.name().equalsIgnoreCase(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("the mosaic has no column '" + name + "'; it has " + names());
    }

    /** Value of column {@code name} at HEALPix pixel {@code pixel}, NaN if the pixel is not covered. */
    public double value(String name, long pixel) {
        int i = Arrays.binarySearch(pixels, pixel);
        return i < 0 ? Double.NaN : column(name).get(i);
    }

    /** The HEALPix partial-sky binary table (EXTNAME {@code extname}), in memory. */
    public FitsTable toFitsTable(String extname) {
        List<TableColumn> all = new ArrayList<>();
        all.add(TableColumn.longs("PIXEL", null, pixels));
        all.addAll(columns);
        return new FitsTable(extname, all, keywords());
    }

    private FitsKeywords keywords() {
        return FitsKeywords.empty()
                .with("PIXTYPE", "HEALPIX")
                .with("ORDERING", ordering.name())
                .with("NSIDE", healpix.nside())
                .with("INDXSCHM", "EXPLICIT")
                .with("OBJECT", "PARTIAL")
                .with("COORDSYS", "C")
                .with("OBS_NPIX", (long) pixels.length);
    }

    /** Writes the mosaic as one HEALPix binary table, atomically, streamed in chunks of rows (survey mosaics are large). */
    public void writeFits(Path file, String extname, Provenance provenance) throws MassmapIoException {
        List<ColumnSpec> specs = new ArrayList<>();
        specs.add(ColumnSpec.longs("PIXEL", null));
        columns.forEach(c -> specs.add(ColumnSpec.doubles(c.name(), c.unit())));
        double[][] data = columns.stream().map(TableColumn.Doubles::values).toArray(double[][]::new);
        try (FitsTableWriter w = FitsTableWriter.open(file, provenance, extname, specs, keywords())) {
            int from = 0;
            do {
                int to = Math.min(pixels.length, from + CHUNK);
                List<TableColumn> chunk = new ArrayList<>();
                chunk.add(TableColumn.longs("PIXEL", null, Arrays.copyOfRange(pixels, from, to)));
                for (int j = 0; j < data.length; j++) {
                    chunk.add(TableColumn.doubles(columns.get(j).name(), columns.get(j).unit(), Arrays.copyOfRange(data[j], from, to)));
                }
                w.append(chunk);
                from = to;
            } while (from < pixels.length);
            w.commit();
        }
    }

    /**
     * Reads a partial-sky HEALPix table written by {@link #writeFits} or another tool following the
     * convention (first binary table; PIXEL column of integers; every other numeric column a value).
     */
    public static HealpixMosaic read(Path file) throws MassmapIoException {
        FitsTable t = FitsTables.read(file);
        FitsKeywords k = t.keywords();
        String pixtype = k.string("PIXTYPE").map(String::trim).orElse("");
        String scheme = k.string("INDXSCHM").map(String::trim).orElse("");
        if (!pixtype.equals("HEALPIX") || !scheme.equals("EXPLICIT")) {
            throw new MassmapIoException(file, "not a partial-sky HEALPix table: PIXTYPE='" + pixtype + "', INDXSCHM='" + scheme
                    + "' (expected 'HEALPIX' and 'EXPLICIT')");
        }
        HealpixOrdering ordering;
        Healpix healpix;
        try {
            ordering = HealpixOrdering.valueOf(k.string("ORDERING").map(String::trim).orElse("?"));
            healpix = new Healpix(k.integer("NSIDE").orElseThrow(() -> new IllegalArgumentException("no NSIDE keyword")));
        } catch (IllegalArgumentException e) {
            throw new MassmapIoException(file, "bad HEALPix keywords (ORDERING must be RING or NESTED, NSIDE a positive integer)", e);
        }
        List<TableColumn.Doubles> values = new ArrayList<>();
        for (String name : t.names()) {
            if (!name.equalsIgnoreCase("PIXEL")) {
                values.add(TableColumn.doubles(name, t.column(name).unit(), t.doubles(name)));
            }
        }
        try {
            return new HealpixMosaic(healpix, ordering, t.longs("PIXEL"), values);
        } catch (IllegalArgumentException e) {
            throw new MassmapIoException(file, "inconsistent HEALPix table: " + e.getMessage(), e);
        }
    }
}
