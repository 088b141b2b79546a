package org.massmap.io.fits;

import java.util.Locale;
import org.massmap.io.FitsNames;

/**
 * The declaration of one binary-table column, for {@link FitsTableWriter}: name (TTYPE), type,
 * unit (TUNIT, or null) and, for strings, the field width in characters.
 */
public record ColumnSpec(String name, Type type, String unit, int width) {

    /** Column types with their FITS TFORM letter and size in bytes. */
    public enum Type {
        /** 64-bit IEEE float, TFORM 1D. */
        DOUBLE('D', 8),
        /** 32-bit signed integer, TFORM 1J. */
        INT('J', 4),
        /** 64-bit signed integer, TFORM 1K. */
        LONG('K', 8),
        /** Fixed-width ASCII string, TFORM nA (one byte per character). */
        STRING('A', 1);

        private final char tform;
        private final int bytes;

        Type(char tform, int bytes) {
            this.tform = tform;
            this.bytes = bytes;
        }
    }

    public ColumnSpec {
        FitsNames.checkName("column name", name);
        FitsNames.checkText("unit of column '" + name + "'", unit);
        if (type == null) {
            throw new IllegalArgumentException("column '" + name + "' needs a type");
        }
        if (type == Type.STRING ? width < 1 : width != 1) {
            throw new IllegalArgumentException("column '" + name + "': width must be " + (type == Type.STRING ? "at least 1 character" : "1 for numbers")
                    + ", got " + width);
        }
    }

    public static ColumnSpec doubles(String name, String unit) {
        return new ColumnSpec(name, Type.DOUBLE, unit, 1);
    }

    public static ColumnSpec ints(String name, String unit) {
        return new ColumnSpec(name, Type.INT, unit, 1);
    }

    public static ColumnSpec longs(String name, String unit) {
        return new ColumnSpec(name, Type.LONG, unit, 1);
    }

    /** A string column holding up to {@code width} characters per value. */
    public static ColumnSpec strings(String name, int width) {
        return new ColumnSpec(name, Type.STRING, null, width);
    }

    /** The declaration that fits a column of data (strings: as wide as the longest value). */
    public static ColumnSpec of(TableColumn column) {
        Type type = typeOf(column);
        int width = column instanceof TableColumn.Strings s ? s.maxLength() : 1;
        return new ColumnSpec(column.name(), type, column.unit(), width);
    }

    /** The TFORM value, e.g. "1D" or "12A". */
    public String tform() {
        return (type == Type.STRING ? width : 1) + String.valueOf(type.tform);
    }

    /** Bytes per row. */
    public int bytes() {
        return type.bytes * width;
    }

    /** Whether {@code column} has this name (case-insensitive, as FITS) and type. */
    boolean matches(TableColumn column) {
        return typeOf(column) == type && column.name().toUpperCase(Locale.ROOT).equals(name.toUpperCase(Locale.ROOT));
    }

    private static Type typeOf(TableColumn column) {
        if (column instanceof TableColumn.Doubles) {
            return Type.DOUBLE;
        } else if (column instanceof TableColumn.Ints) {
            return Type.INT;
        } else if (column instanceof TableColumn.Longs) {
            return Type.LONG;
        }
        return Type.STRING;
    }
}
