package org.massmap.io.fits;

/** Conversions between flat row-major maps and nom-tam-fits image arrays; package-private plumbing. */
final class ImageArrays {

    private ImageArrays() {
    }

    /** A row-major map as float[ny][nx]; row iy becomes FITS NAXIS2 index iy+1 (North up). */
    static float[][] toFloatRows(double[] values, int nx, int ny) {
        float[][] rows = new float[ny][nx];
        for (int iy = 0; iy < ny; iy++) {
            for (int ix = 0; ix < nx; ix++) {
                rows[iy][ix] = (float) values[iy * nx + ix];
            }
        }
        return rows;
    }

    /**
     * Flattens an image array of any primitive element type and nesting, in storage order (NAXIS1
     * fastest), into doubles, applying the header's BLANK (integer images: that raw value becomes
     * NaN), BSCALE and BZERO. Returns null if the array does not hold exactly {@code expected} values.
     */
    static double[] toDoubles(Object data, int expected, FitsKeywords header) {
        double[] out = new double[expected];
        int filled = flatten(data, out, 0);
        if (filled != expected) {
            return null;
        }
        double scale = header.number("BSCALE").orElse(1.0);
        double zero = header.number("BZERO").orElse(0.0);
        Long blank = header.integer("BITPIX").orElse(-32L) > 0 ? header.integer("BLANK").orElse(null) : null;
        if (scale == 1.0 && zero == 0.0 && blank == null) {
            return out;
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = blank != null && out[i] == blank ? Double.NaN : zero + scale * out[i];
        }
        return out;
    }

    /** Copies the elements of {@code data} into {@code out} from {@code at}; returns the next free index, or -1 on overflow. */
    private static int flatten(Object data, double[] out, int at) {
        if (at < 0) {
            return -1;
        }
        if (data instanceof Object[] nested) {
            for (Object inner : nested) {
                at = flatten(inner, out, at);
                if (at < 0) {
                    return -1;
                }
            }
            return at;
        }
        int n = java.lang.reflect.Array.getLength(data);
        if (at + n > out.length) {
            return -1;
        }
        if (data instanceof float[] a) {
            for (float v : a) {
                out[at++] = v;
            }
        } else if (data instanceof double[] a) {
            System.arraycopy(a, 0, out, at, n);
            at += n;
        } else if (data instanceof int[] a) {
            for (int v : a) {
                out[at++] = v;
            }
        } else if (data instanceof short[] a) {
            for (short v : a) {
                out[at++] = v;
            }
        } else if (data instanceof byte[] a) {
            for (byte v : a) {
                out[at++] = v & 0xff; // FITS BITPIX 8 is unsigned
            }
        } else if (data instanceof long[] a) {
            for (long v : a) {
                out[at++] = v;
            }
        } else {
            return -1;
        }
        return at;
    }
}
