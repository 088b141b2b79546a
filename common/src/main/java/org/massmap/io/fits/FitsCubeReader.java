package org.massmap.io.fits;

import java.io.IOException;
import java.nio.file.Path;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.ImageHDU;
import org.massmap.grid.TileGrid;
import org.massmap.io.MassmapIoException;

/**
 * Reads a sample cube (see {@link FitsCubeWriter}) one plane at a time or whole. The file is
 * validated when opened (FITS signature, sizes against the file length, NAXIS = 3, celestial WCS on
 * axes 1-2) and kept open until {@link #close()}. Planes are row-major {@code iy*nx + ix}.
 * Not thread-safe.
 *
 * <pre>{@code
 * try (FitsCubeReader cube = FitsCubeReader.open(file)) {
 *     double[] sample7 = cube.readPlane(7);
 * }
 * }</pre>
 */
public final class FitsCubeReader implements AutoCloseable {

    private final FitsFile fits;
    private final int index;
    private final TileGrid grid;
    private final int depth;

    private FitsCubeReader(FitsFile fits, int index, TileGrid grid, int depth) {
        this.fits = fits;
        this.index = index;
        this.grid = grid;
        this.depth = depth;
    }

    /** Opens the first image HDU of the file, which must be a cube. */
    public static FitsCubeReader open(Path file) throws MassmapIoException {
        return open(file, null);
    }

    /** Opens the cube named {@code name} (EXTNAME, case-insensitive); null for the first image. */
    public static FitsCubeReader open(Path file, String name) throws MassmapIoException {
        FitsFile fits = FitsFile.open(file);
        try {
            int index = name != null ? fits.indexOf(name) : firstImage(fits);
            if (fits.hdu(index) instanceof BinaryTableHDU) {
                throw fits.error(index, "is a binary table, not a sample cube");
            }
            int[] axes = fits.axes(index);
            if (axes.length != 3) {
                throw fits.error(index, "is a " + axes.length + "-D image (NAXIS = " + axes.length + "), but a sample cube needs NAXIS = 3");
            }
            if (axes[2] < 1) {
                throw fits.error(index, "has no planes (NAXIS3 = 0)");
            }
            TileGrid grid = FitsMaps.grid(fits, index, axes[0], axes[1]);
            return new FitsCubeReader(fits, index, grid, axes[2]);
        } catch (MassmapIoException | RuntimeException e) {
            try {
                fits.close();
            } catch (MassmapIoException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    private static int firstImage(FitsFile fits) throws MassmapIoException {
        for (int i = 0; i < fits.count(); i++) {
            if (!(fits.hdu(i) instanceof BinaryTableHDU) && fits.axes(i).length > 0) {
                return i;
            }
        }
        throw new MassmapIoException(fits.path(), "contains no image; its HDUs are " + fits.names());
    }

    public TileGrid grid() {
        return grid;
    }

    /** Number of planes (samples), NAXIS3. */
    public int depth() {
        return depth;
    }

    /** EXTNAME of the cube. */
    public String name() {
        return fits.name(index);
    }

    /** BUNIT of the cube, or null. */
    public String unit() {
        return keywords().string("BUNIT").map(String::trim).orElse(null);
    }

    /** The complete header of the cube's HDU. */
    public FitsKeywords keywords() {
        return fits.keywords(index);
    }

    /** Plane {@code k} (0-based sample index), row-major. */
    public double[] readPlane(int k) throws MassmapIoException {
        if (k < 0 || k >= depth) {
            throw new IndexOutOfBoundsException(fits.path() + ": plane " + k + " requested, the cube has planes 0.." + (depth - 1));
        }
        if (!(fits.hdu(index) instanceof ImageHDU image)) {
            throw fits.error(index, "is not an image HDU");
        }
        Object tile;
        try {
            tile = image.getTiler().getTile(new int[] {k, 0, 0}, new int[] {1, grid.ny(), grid.nx()});
        } catch (IOException | RuntimeException e) {
            throw fits.error(index, "plane " + k + " cannot be read", e);
        }
        double[] plane = tile == null ? null : ImageArrays.toDoubles(tile, grid.size(), keywords());
        if (plane == null) {
            throw fits.error(index, "plane " + k + " does not have the declared " + grid.nx() + " x " + grid.ny() + " shape");
        }
        return plane;
    }

    /** All planes, {@code [depth][nx*ny]}. */
    public double[][] readAll() throws MassmapIoException {
        double[][] planes = new double[depth][];
        for (int k = 0; k < depth; k++) {
            planes[k] = readPlane(k);
        }
        return planes;
    }

    @Override
    public void close() throws MassmapIoException {
        fits.close();
    }
}
