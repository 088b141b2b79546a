package org.massmap.io;

import java.util.Arrays;
import java.util.Objects;
import org.massmap.grid.TileGrid;

/**
 * A named 2-D map on a tile grid, the unit of FITS and PNG output: e.g. "KAPPA_MEAN" in
 * dimensionless units on a 128x128 tile. Values are row-major with index {@code iy*nx + ix}
 * (docs/conventions.md, Grid): row iy grows North and is FITS NAXIS2 index iy+1, column ix grows West.
 * NaN marks pixels without a value (masked). Immutable: the array is copied in and out.
 *
 * @param name   HDU name (EXTNAME): 1-68 printable ASCII characters
 * @param unit   physical unit (BUNIT), or null for none; "" for dimensionless quantities is fine
 * @param grid   pixel grid and sky position
 * @param values {@code grid.size()} values
 */
public record SkyMap(String name, String unit, TileGrid grid, double[] values) implements java.io.Serializable {

    public SkyMap {
        FitsNames.checkName("map name", name);
        FitsNames.checkText("unit of map '" + name + "'", unit);
        Objects.requireNonNull(grid, "grid");
        Objects.requireNonNull(values, "values");
        if (values.length != grid.size()) {
            throw new IllegalArgumentException("map '" + name + "' has " + values.length + " values but its grid " + grid
                    + " has " + grid.size() + " pixels");
        }
        values = values.clone();
    }

    /** A dimensionless map (no BUNIT). */
    public static SkyMap of(String name, TileGrid grid, double[] values) {
        return new SkyMap(name, null, grid, values);
    }

    /** A copy of the values (row-major, {@code iy*nx + ix}). */
    @Override
    public double[] values() {
        return values.clone();
    }

    /** Value at flat index {@code i = iy*nx + ix}. */
    public double value(int i) {
        return values[i];
    }

    /** Value at column ix (West-ward) and row iy (North-ward). */
    public double value(int ix, int iy) {
        return values[iy * grid.nx() + ix];
    }

    /**
     * This map with NaN wherever {@code mask} is not positive (mask: 1 where galaxies were
     * measured, 0 in holes; same layout), as summary maps are written (docs/conventions.md, Outputs).
     */
    public SkyMap masked(double[] mask) {
        if (mask.length != values.length) {
            throw new IllegalArgumentException("mask has " + mask.length + " values but map '" + name + "' has " + values.length);
        }
        double[] out = values.clone();
        for (int i = 0; i < out.length; i++) {
            if (!(mask[i] > 0)) {
                out[i] = Double.NaN;
            }
        }
        return new SkyMap(name, unit, grid, out);
    }

    /** The same values under another name. */
    public SkyMap named(String newName) {
        return new SkyMap(newName, unit, grid, values);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SkyMap m && name.equals(m.name) && Objects.equals(unit, m.unit) && grid.equals(m.grid)
                && Arrays.equals(values, m.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, unit, grid, Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return "SkyMap[" + name + (unit == null ? "" : " [" + unit + "]") + ", " + grid + "]";
    }
}
