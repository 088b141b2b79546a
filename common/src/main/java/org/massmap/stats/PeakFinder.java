package org.massmap.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * Local maxima of a map: pixels strictly greater than their 8 neighbours (ties resolved towards
 * the lower index so a plateau yields one peak), not on the border, above a per-pixel threshold,
 * and inside a mask. Pure functions.
 */
public final class PeakFinder {
    private PeakFinder() {
    }

    /**
     * @param threshold per-pixel threshold (a peak needs map &gt;= threshold)
     * @param mask      pixels that may hold a peak (null = all)
     * @return pixel indices of the peaks
     */
    public static List<Integer> peaks(double[] map, int nx, int ny, double[] threshold, boolean[] mask) {
        List<Integer> out = new ArrayList<>();
        for (int iy = 1; iy < ny - 1; iy++) {
            for (int ix = 1; ix < nx - 1; ix++) {
                int i = iy * nx + ix;
                double v = map[i];
                if ((mask != null && !mask[i]) || !(v >= threshold[i])) {
                    continue;
                }
                if (isMaximum(map, nx, ix, iy, v)) {
                    out.add(i);
                }
            }
        }
        return out;
    }

    private static boolean isMaximum(double[] map, int nx, int ix, int iy, double v) {
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                if (dx == 0 && dy == 0) {
                    continue;
                }
                int j = (iy + dy) * nx + ix + dx;
                double w = map[j];
                boolean earlier = dy < 0 || (dy == 0 && dx < 0);
                if (w > v || (w == v && earlier)) {
                    return false;
                }
            }
        }
        return true;
    }
}
