package org.massmap.io.fits;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nom.tam.fits.BinaryTable;
import nom.tam.fits.BinaryTableHDU;
import org.massmap.io.MassmapIoException;

/**
 * One-call FITS binary-table I/O for tables held in memory (cluster candidates, per-chain
 * diagnostics, catalogs). Writing goes through {@link FitsTableWriter} (file layout there); reading
 * uses nom-tam-fits and accepts scalar columns of TFORM D and E (read as doubles), J, I and B (as
 * ints), K (as longs) and A (as strings, trailing blanks dropped), from any FITS file. Scaled
 * columns (TSCALn/TZEROn) and vector or variable-length columns are refused with a clear error.
 * Stateless.
 *
 * <pre>{@code
 * FitsTables.write(file, provenance, FitsTable.of("CANDIDATES",
 *         TableColumn.doubles("ra", "deg", ra), TableColumn.doubles("dec", "deg", dec),
 *         TableColumn.doubles("frequency", null, freq)));
 * FitsTable t = FitsTables.read(file, "CANDIDATES", "ra", "dec");
 * }</pre>
 */
public final class FitsTables {

    private FitsTables() {
    }

    /** Writes the tables (at least one, distinct names) into one file, atomically. */
    public static void write(Path file, Provenance provenance, FitsTable... tables) throws MassmapIoException {
        write(file, provenance, List.of(tables));
    }

    /** Writes the tables (at least one, distinct names) into one file, atomically. */
    public static void write(Path file, Provenance provenance, List<FitsTable> tables) throws MassmapIoException {
        if (tables.isEmpty()) {
            throw new IllegalArgumentException(file + ": nothing to write, give at least one table");
        }
        if (tables.stream().map(t -> t.name().toUpperCase(java.util.Locale.ROOT)).distinct().count() != tables.size()) {
            throw new IllegalArgumentException(file + ": table names must be distinct, got " + tables.stream().map(FitsTable::name).toList());
        }
        try (FitsTableWriter w = FitsTableWriter.open(file, provenance)) {
            for (FitsTable t : tables) {
                w.beginTable(t.name(), t.columns().stream().map(ColumnSpec::of).toList(), t.keywords());
                w.append(t);
            }
            w.commit();
        }
    }

    /** Reads every binary table of the file, all columns. */
    public static List<FitsTable> readAll(Path file) throws MassmapIoException {
        try (FitsFile fits = FitsFile.open(file)) {
            List<FitsTable> tables = new ArrayList<>();
            for (int i = 0; i < fits.count(); i++) {
                if (fits.hdu(i) instanceof BinaryTableHDU) {
                    tables.add(readHdu(fits, i, List.of()));
                }
            }
            if (tables.isEmpty()) {
                throw new MassmapIoException(file, "contains no binary table; its HDUs are " + fits.names());
            }
            return tables;
        }
    }

    /** Reads the first binary table of the file, all columns. */
    public static FitsTable read(Path file) throws MassmapIoException {
        return readAll(file).get(0);
    }

    /**
     * Reads the table named {@code name} (EXTNAME, case-insensitive); only {@code columns} if
     * any are given (case-insensitive, in the order given), else all columns.
     */
    public static FitsTable read(Path file, String name, String... columns) throws MassmapIoException {
        try (FitsFile fits = FitsFile.open(file)) {
            int index = fits.indexOf(name);
            if (!(fits.hdu(index) instanceof BinaryTableHDU)) {
                throw fits.error(index, "is not a binary table");
            }
            return readHdu(fits, index, List.of(columns));
        }
    }

    private static FitsTable readHdu(FitsFile fits, int index, List<String> wanted) throws MassmapIoException {
        FitsKeywords header = fits.keywords(index);
        int fields = (int) (long) header.integer("TFIELDS").orElseThrow(() -> fits.error(index, "has no TFIELDS keyword"));
        List<String> names = new ArrayList<>();
        for (int j = 1; j <= fields; j++) {
            names.add(header.string("TTYPE" + j).map(String::trim).orElse("col" + j));
        }
        List<Integer> selected = new ArrayList<>();
        if (wanted.isEmpty()) {
            for (int j = 0; j < fields; j++) {
                selected.add(j);
            }
        } else {
            for (String w : wanted) {
                int j = indexOfIgnoreCase(names, w);
                if (j < 0) {
                    throw fits.error(index, "has no column '" + w + "'; its columns are " + names);
                }
                selected.add(j);
            }
        }
        BinaryTable data = ((BinaryTableHDU) fits.hdu(index)).getData();
        List<TableColumn> columns = new ArrayList<>();
        for (int j : selected) {
            columns.add(column(fits, index, data, j, names.get(j), header));
        }
        String name = fits.name(index) == null ? "HDU" + index : fits.name(index);
        return new FitsTable(name, columns, header);
    }

    private static TableColumn column(FitsFile fits, int index, BinaryTable data, int j, String name, FitsKeywords header)
            throws MassmapIoException {
        String tform = header.string("TFORM" + (j + 1)).map(String::trim).orElse("?");
        if (header.contains("TSCAL" + (j + 1)) || header.contains("TZERO" + (j + 1))) {
            throw fits.error(index, "column '" + name + "' is scaled (TSCAL/TZERO), which massmap does not read; write it unscaled");
        }
        String unit = header.string("TUNIT" + (j + 1)).map(String::trim).orElse(null);
        Object raw;
        try {
            raw = data.getColumn(j);
        } catch (RuntimeException e) { // FitsException (unchecked in 1.21), or NullPointerException on some corrupt tables
            throw fits.error(index, "column '" + name + "' cannot be read (damaged file?)", e);
        }
        if (raw instanceof double[] v) {
            return new TableColumn.Doubles(name, unit, v);
        } else if (raw instanceof float[] v) {
            double[] d = new double[v.length];
            for (int r = 0; r < v.length; r++) {
                d[r] = v[r];
            }
            return new TableColumn.Doubles(name, unit, d);
        } else if (raw instanceof int[] v) {
            return new TableColumn.Ints(name, unit, v);
        } else if (raw instanceof short[] v) {
            int[] d = new int[v.length];
            for (int r = 0; r < v.length; r++) {
                d[r] = v[r];
            }
            return new TableColumn.Ints(name, unit, d);
        } else if (raw instanceof byte[] v) {
            int[] d = new int[v.length];
            for (int r = 0; r < v.length; r++) {
                d[r] = v[r] & 0xff; // TFORM B is unsigned
            }
            return new TableColumn.Ints(name, unit, d);
        } else if (raw instanceof long[] v) {
            return new TableColumn.Longs(name, unit, v);
        } else if (raw instanceof String[] v) {
            String[] s = new String[v.length];
            for (int r = 0; r < v.length; r++) {
                s[r] = v[r] == null ? "" : v[r].stripTrailing();
            }
            return new TableColumn.Strings(name, unit, s);
        }
        throw fits.error(index, "column '" + name + "' has TFORM '" + tform + "', which is not a scalar number or string;"
                + " massmap reads scalar D, E, K, J, I, B and A columns");
    }

    private static int indexOfIgnoreCase(List<String> names, String name) {
        for (int j = 0; j < names.size(); j++) {
            if (names.get(j).equalsIgnoreCase(name)) {
                return j;
            }
        }
        return -1;
    }
}
