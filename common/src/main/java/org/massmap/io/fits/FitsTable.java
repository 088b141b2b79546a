package org.massmap.io.fits;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.massmap.io.FitsNames;

/**
 * A FITS binary table held in memory: a name (EXTNAME), columns of equal length, and header
 * keywords (extra keywords when writing; the complete header when read back: use
 * {@link FitsKeywords#select} to carry extras over into a new table). Used for cluster
 * candidates, per-chain diagnostics and mock catalogs (ra, dec in deg; e1, e2; w). Immutable.
 */
public record FitsTable(String name, List<TableColumn> columns, FitsKeywords keywords) {

    public FitsTable {
        checkName(name);
        columns = List.copyOf(columns);
        Objects.requireNonNull(keywords, "keywords");
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("table '" + name + "' needs at least one column");
        }
        Set<String> seen = new HashSet<>();
        int rows = columns.get(0).length();
        for (TableColumn c : columns) {
            if (!seen.add(c.name().toUpperCase(Locale.ROOT))) {
                throw new IllegalArgumentException("table '" + name + "' has two columns named '" + c.name() + "' (FITS names ignore case)");
            }
            if (c.length() != rows) {
                throw new IllegalArgumentException("table '" + name + "': column '" + c.name() + "' has " + c.length()
                        + " rows but column '" + columns.get(0).name() + "' has " + rows);
            }
        }
    }

    static void checkName(String name) {
        FitsNames.checkName("table name", name);
    }

    /** A table without extra keywords. */
    public static FitsTable of(String name, TableColumn... columns) {
        return new FitsTable(name, List.of(columns), FitsKeywords.empty());
    }

    /** Number of rows. */
    public int rows() {
        return columns.get(0).length();
    }

    /** Column names in order. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        for (TableColumn c : columns) {
            names.add(c.name());
        }
        return names;
    }

    /** The column named {@code column} (case-insensitive). */
    public TableColumn column(String column) {
        for (TableColumn c : columns) {
            if (c.name().equalsIgnoreCase(column)) {
                return c;
            }
        }
        throw new IllegalArgumentException("table '" + name + "' has no column '" + column + "'; it has " + names());
    }

    /** A numeric column as doubles (integer columns are widened). */
    public double[] doubles(String column) {
        TableColumn c = column(column);
        if (c instanceof TableColumn.Doubles d) {
            return d.values();
        }
        double[] out = new double[c.length()];
        if (c instanceof TableColumn.Ints i) {
            for (int r = 0; r < out.length; r++) {
                out[r] = i.get(r);
            }
        } else if (c instanceof TableColumn.Longs l) {
            for (int r = 0; r < out.length; r++) {
                out[r] = l.get(r);
            }
        } else {
            throw wrongType(c, "numbers");
        }
        return out;
    }

    /** A 32-bit integer column. */
    public int[] ints(String column) {
        TableColumn c = column(column);
        if (c instanceof TableColumn.Ints i) {
            return i.values();
        }
        throw wrongType(c, "32-bit integers");
    }

    /** An integer column as longs (32-bit columns are widened). */
    public long[] longs(String column) {
        TableColumn c = column(column);
        if (c instanceof TableColumn.Longs l) {
            return l.values();
        }
        if (c instanceof TableColumn.Ints i) {
            long[] out = new long[i.length()];
            for (int r = 0; r < out.length; r++) {
                out[r] = i.get(r);
            }
            return out;
        }
        throw wrongType(c, "integers");
    }

    /** A string column. */
    public String[] strings(String column) {
        TableColumn c = column(column);
        if (c instanceof TableColumn.Strings s) {
            return s.values();
        }
        throw wrongType(c, "strings");
    }

    private IllegalArgumentException wrongType(TableColumn c, String wanted) {
        return new IllegalArgumentException("table '" + name + "': column '" + c.name() + "' is " + c + ", not " + wanted);
    }
}
