package org.massmap.io.fits;

import java.nio.file.Path;
import org.massmap.grid.TileGrid;
import org.massmap.io.MassmapIoException;

/**
 * One-call sample-cube I/O, for cubes small enough to hold in memory; see {@link FitsCubeWriter}
 * and {@link FitsCubeReader} for the layout and for plane-by-plane access. Stateless.
 */
public final class FitsCubes {

    private FitsCubes() {
    }

    /**
     * Writes {@code planes[k]} (row-major {@code iy*nx + ix}) as plane k of a cube, atomically.
     *
     * @param unit BUNIT, or null
     */
    public static void write(Path file, String name, String unit, TileGrid grid, double[][] planes, Provenance provenance)
            throws MassmapIoException {
        try (FitsCubeWriter w = FitsCubeWriter.open(file, name, unit, grid, planes.length, provenance, FitsKeywords.empty())) {
            for (double[] plane : planes) {
                w.append(plane);
            }
            w.commit();
        }
    }

    /** Reads every plane of the first cube in the file, {@code [depth][nx*ny]}. */
    public static double[][] readAll(Path file) throws MassmapIoException {
        try (FitsCubeReader r = FitsCubeReader.open(file)) {
            return r.readAll();
        }
    }
}
