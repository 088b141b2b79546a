package org.massmap.io.fits;

import java.util.Arrays;
import java.util.Objects;
import org.massmap.io.FitsNames;

/**
 * One named column of a FITS binary table: scalar doubles (TFORM {@code D}), 32-bit integers
 * ({@code J}), 64-bit integers ({@code K}) or fixed-width ASCII strings ({@code nA}), with an
 * optional unit (TUNIT, e.g. "deg" for ra/dec, null when meaningless). Immutable: arrays are
 * copied in and out; use {@link #length()} and the {@code get} methods in loops.
 */
public sealed interface TableColumn permits TableColumn.Doubles, TableColumn.Ints, TableColumn.Longs, TableColumn.Strings {

    /** Column name (TTYPE): 1-68 printable ASCII characters. */
    String name();

    /** Unit (TUNIT), or null. */
    String unit();

    /** Number of rows. */
    int length();

    /** A column of doubles, e.g. {@code TableColumn.doubles("ra", "deg", ra)}. */
    static Doubles doubles(String name, String unit, double... values) {
        return new Doubles(name, unit, values);
    }

    static Ints ints(String name, String unit, int... values) {
        return new Ints(name, unit, values);
    }

    static Longs longs(String name, String unit, long... values) {
        return new Longs(name, unit, values);
    }

    static Strings strings(String name, String... values) {
        return new Strings(name, null, values);
    }

    /** Scalar 64-bit floating point column (TFORM 1D). */
    record Doubles(String name, String unit, double[] values) implements TableColumn {
        public Doubles {
            checkName(name, unit);
            values = values.clone();
        }

        @Override
        public double[] values() {
            return values.clone();
        }

        public double get(int row) {
            return values[row];
        }

        @Override
        public int length() {
            return values.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Doubles c && name.equals(c.name) && Objects.equals(unit, c.unit) && Arrays.equals(values, c.values);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, unit, Arrays.hashCode(values));
        }

        @Override
        public String toString() {
            return "Doubles[" + name + ", " + values.length + " rows]";
        }
    }

    /** Scalar 32-bit integer column (TFORM 1J). */
    record Ints(String name, String unit, int[] values) implements TableColumn {
        public Ints {
            checkName(name, unit);
            values = values.clone();
        }

        @Override
        public int[] values() {
            return values.clone();
        }

        public int get(int row) {
            return values[row];
        }

        @Override
        public int length() {
            return values.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Ints c && name.equals(c.name) && Objects.equals(unit, c.unit) && Arrays.equals(values, c.values);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, unit, Arrays.hashCode(values));
        }

        @Override
        public String toString() {
            return "Ints[" + name + ", " + values.length + " rows]";
        }
    }

    /** Scalar 64-bit integer column (TFORM 1K), e.g. object identifiers or seeds. */
    record Longs(String name, String unit, long[] values) implements TableColumn {
        public Longs {
            checkName(name, unit);
            values = values.clone();
        }

        @Override
        public long[] values() {
            return values.clone();
        }

        public long get(int row) {
            return values[row];
        }

        @Override
        public int length() {
            return values.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Longs c && name.equals(c.name) && Objects.equals(unit, c.unit) && Arrays.equals(values, c.values);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, unit, Arrays.hashCode(values));
        }

        @Override
        public String toString() {
            return "Longs[" + name + ", " + values.length + " rows]";
        }
    }

    /**
     * ASCII string column (TFORM nA). Trailing blanks are not significant in FITS and are dropped
     * on reading; null is written as an empty string.
     */
    record Strings(String name, String unit, String[] values) implements TableColumn {
        public Strings {
            checkName(name, unit);
            values = values.clone();
            for (int i = 0; i < values.length; i++) {
                String s = values[i] == null ? "" : values[i];
                if (!s.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
                    throw new IllegalArgumentException("column '" + name + "' row " + i + ": FITS strings must be printable ASCII, got '" + s + "'");
                }
                values[i] = s;
            }
        }

        @Override
        public String[] values() {
            return values.clone();
        }

        public String get(int row) {
            return values[row];
        }

        /** Length of the longest value (at least 1: the smallest FITS string field). */
        public int maxLength() {
            int max = 1;
            for (String s : values) {
                max = Math.max(max, s.length());
            }
            return max;
        }

        @Override
        public int length() {
            return values.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Strings c && name.equals(c.name) && Objects.equals(unit, c.unit) && Arrays.equals(values, c.values);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, unit, Arrays.hashCode(values));
        }

        @Override
        public String toString() {
            return "Strings[" + name + ", " + values.length + " rows]";
        }
    }

    private static void checkName(String name, String unit) {
        FitsNames.checkName("column name", name);
        FitsNames.checkText("unit of column '" + name + "'", unit);
    }
}
