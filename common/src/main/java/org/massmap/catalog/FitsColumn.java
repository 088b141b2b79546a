package org.massmap.catalog;

import java.nio.ByteBuffer;
import java.util.Locale;
import nom.tam.fits.Header;

/**
 * Decoder of one numeric scalar column of a FITS binary table: big-endian value at a fixed byte
 * offset in each row, physical value = TZERO + TSCAL·stored (FITS standard 4.0, section 7.3),
 * integer values equal to TNULL read as NaN. Immutable.
 */
final class FitsColumn {
    /** Stored type, from the TFORM letter. */
    enum Type {
        UBYTE('B', 1), SHORT('I', 2), INT('J', 4), LONG('K', 8), FLOAT('E', 4), DOUBLE('D', 8);

        final char code;
        final int bytes;

        Type(char code, int bytes) {
            this.code = code;
            this.bytes = bytes;
        }
    }

    private final String name;
    private final Type type;
    private final int offset;
    private final double scale;
    private final double zero;
    private final boolean hasNull;
    private final long nullValue;
    private final boolean plain;

    private FitsColumn(String name, Type type, int offset, double scale, double zero, boolean hasNull, long nullValue) {
        this.name = name;
        this.type = type;
        this.offset = offset;
        this.scale = scale;
        this.zero = zero;
        this.hasNull = hasNull;
        this.nullValue = nullValue;
        this.plain = scale == 1.0 && zero == 0.0 && !hasNull;
    }

    /**
     * Checks that column {@code index} (0-based) is a numeric scalar and builds its decoder.
     *
     * @throws CatalogException naming the column, its TFORM and the accepted types otherwise
     */
    static FitsColumn of(String file, Header header, int index, int offset) throws CatalogException {
        int n = index + 1;
        String name = header.getStringValue("TTYPE" + n, "").trim();
        String tform = header.getStringValue("TFORM" + n, "").trim().toUpperCase(Locale.ROOT);
        long repeat = repeat(tform);
        char code = code(tform);
        Type type = null;
        for (Type t : Type.values()) {
            if (t.code == code) {
                type = t;
            }
        }
        if (type == null || repeat != 1) {
            throw new CatalogException(file, "column '" + name + "' has TFORM" + n + "='" + tform + "' (" + describe(code, repeat)
                    + "); expected one number per row: TFORM 1D, 1E, 1K, 1J, 1I or 1B");
        }
        double scale = header.getDoubleValue("TSCAL" + n, 1.0);
        double zero = header.getDoubleValue("TZERO" + n, 0.0);
        boolean isInteger = type != Type.FLOAT && type != Type.DOUBLE;
        boolean hasNull = isInteger && header.containsKey("TNULL" + n);
        long nullValue = hasNull ? header.getLongValue("TNULL" + n, 0) : 0;
        return new FitsColumn(name, type, offset, scale, zero, hasNull, nullValue);
    }

    /** Repeat count of a TFORM value (1 when absent), -1 if it is not a number. */
    private static long repeat(String tform) {
        int p = 0;
        while (p < tform.length() && Character.isDigit(tform.charAt(p))) {
            p++;
        }
        try {
            return p == 0 ? 1 : Long.parseLong(tform.substring(0, p));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Type letter of a TFORM value, upper case, or '?' when missing. */
    private static char code(String tform) {
        int p = 0;
        while (p < tform.length() && Character.isDigit(tform.charAt(p))) {
            p++;
        }
        return p < tform.length() ? Character.toUpperCase(tform.charAt(p)) : '?';
    }

    /**
     * Bytes per row taken by a column of format {@code tform} (FITS standard 4.0, table 18: rT with
     * L, B, A 1 byte; I 2; J, E 4; K, D, C, P 8; M, Q 16; X ⌈r/8⌉), or -1 if it is not a valid format.
     */
    static long byteWidth(String tform) {
        String t = tform.trim().toUpperCase(Locale.ROOT);
        long r = repeat(t);
        if (r < 0) {
            return -1;
        }
        return switch (code(t)) {
            case 'L', 'B', 'A' -> r;
            case 'I' -> 2 * r;
            case 'J', 'E' -> 4 * r;
            case 'K', 'D', 'C', 'P' -> 8 * r;
            case 'M', 'Q' -> 16 * r;
            case 'X' -> (r + 7) / 8;
            default -> -1;
        };
    }

    private static String describe(char code, long repeat) {
        String kind = switch (code) {
            case 'A' -> "text";
            case 'L' -> "logical";
            case 'X' -> "bits";
            case 'C', 'M' -> "complex numbers";
            case 'P', 'Q' -> "variable-length arrays";
            case 'B', 'I', 'J', 'K', 'E', 'D' -> repeat + " numbers per row";
            default -> "unknown type";
        };
        return kind;
    }

    String name() {
        return name;
    }

    Type type() {
        return type;
    }

    /** Physical value of this column in the row starting at byte {@code rowStart} of {@code rows}. */
    double read(ByteBuffer rows, int rowStart) {
        int at = rowStart + offset;
        if (type == Type.DOUBLE && plain) {
            return rows.getDouble(at);
        }
        if (type == Type.FLOAT && plain) {
            return rows.getFloat(at);
        }
        long raw;
        switch (type) {
            case DOUBLE:
                return zero + scale * rows.getDouble(at);
            case FLOAT:
                return zero + scale * rows.getFloat(at);
            case UBYTE:
                raw = rows.get(at) & 0xffL;
                break;
            case SHORT:
                raw = rows.getShort(at);
                break;
            case INT:
                raw = rows.getInt(at);
                break;
            default:
                raw = rows.getLong(at);
                break;
        }
        if (hasNull && raw == nullValue) {
            return Double.NaN;
        }
        return zero + scale * raw;
    }
}
