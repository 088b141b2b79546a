package org.massmap.io.fits;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import nom.tam.fits.FitsException;
import nom.tam.fits.Header;
import nom.tam.util.FitsOutputStream;
import org.massmap.grid.TileGrid;
import org.massmap.io.AtomicFile;
import org.massmap.io.FitsNames;
import org.massmap.io.MassmapIoException;

/**
 * Writes a sample cube plane by plane, so that posterior samples need not all be held in memory:
 * a 3-D 32-bit float image with NAXIS1 = nx, NAXIS2 = ny, NAXIS3 = number of samples, the tile's
 * celestial WCS on axes 1-2 and a linear axis 3 ({@code CTYPE3 = 'SAMPLE'}, value = 0-based
 * sample index), EXTNAME, BUNIT and provenance (docs/conventions.md, Outputs). The file appears
 * atomically at {@link #commit()}, which requires exactly the declared number of planes; closing
 * without a successful commit deletes the partial output.
 *
 * <pre>{@code
 * try (FitsCubeWriter w = FitsCubeWriter.open(file, "SAMPLES", null, grid, nSamples, provenance, FitsKeywords.empty())) {
 *     for (double[] sample : samples) w.append(sample);
 *     w.commit();
 * }
 * }</pre>
 * Not thread-safe.
 */
public final class FitsCubeWriter implements AutoCloseable {

    private final AtomicFile atomic;
    private final FitsOutputStream out;
    private final TileGrid grid;
    private final int depth;
    private int written;
    private boolean committed;

    private FitsCubeWriter(AtomicFile atomic, FitsOutputStream out, TileGrid grid, int depth) {
        this.atomic = atomic;
        this.out = out;
        this.grid = grid;
        this.depth = depth;
    }

    /**
     * Starts a cube of {@code depth} planes on {@code grid}.
     *
     * @param unit  BUNIT, or null
     * @param extra extra header keywords (not repeating the ones the writer sets)
     */
    public static FitsCubeWriter open(Path file, String name, String unit, TileGrid grid, int depth, Provenance provenance,
            FitsKeywords extra) throws MassmapIoException {
        if (depth < 1) {
            throw new IllegalArgumentException(file + ": a cube needs at least one plane, got depth " + depth);
        }
        FitsNames.checkName("cube name", name);
        FitsNames.checkText("unit of cube '" + name + "'", unit);
        Header header = new Header();
        FitsHeaders.put(header, FitsKeywords.empty()
                .with("SIMPLE", true).with("BITPIX", -32).with("NAXIS", 3)
                .with("NAXIS1", grid.nx()).with("NAXIS2", grid.ny()).with("NAXIS3", depth)
                .with("EXTEND", true), false, file);
        FitsHeaders.describe(header, name, unit, FitsHeaders.cubeWcs(grid), provenance, extra, file);

        AtomicFile atomic = AtomicFile.begin(file);
        FitsOutputStream out = null;
        try {
            out = new FitsOutputStream(new FileOutputStream(atomic.temp().toFile()));
            header.write(out);
            return new FitsCubeWriter(atomic, out, grid, depth);
        } catch (IOException | FitsException e) {
            MassmapIoException failure = new MassmapIoException(file, "cannot start writing the cube", e);
            closeAll(out, atomic, failure);
            throw failure;
        }
    }

    /** Appends the next plane (row-major {@code iy*nx + ix}, {@code grid.size()} values). */
    public void append(double[] plane) throws MassmapIoException {
        if (committed) {
            throw new IllegalStateException(atomic.target() + ": cube already committed");
        }
        if (plane.length != grid.size()) {
            throw new IllegalArgumentException(atomic.target() + ": plane " + written + " has " + plane.length
                    + " values, the cube's grid " + grid + " has " + grid.size());
        }
        if (written == depth) {
            throw new IllegalStateException(atomic.target() + ": the cube was declared with " + depth + " planes; plane "
                    + (written + 1) + " is one too many");
        }
        float[] row = new float[plane.length];
        for (int i = 0; i < plane.length; i++) {
            row[i] = (float) plane[i];
        }
        try {
            out.write(row, 0, row.length);
        } catch (IOException e) {
            throw new MassmapIoException(atomic.target(), "cannot write plane " + written + " of the cube", e);
        }
        written++;
    }

    /** Planes written so far. */
    public int written() {
        return written;
    }

    /** Pads, flushes and publishes the file; all declared planes must have been appended. */
    public void commit() throws MassmapIoException {
        if (written != depth) {
            throw new MassmapIoException(atomic.target(), "only " + written + " of the " + depth
                    + " declared planes were written; the partial cube is not published");
        }
        long bytes = 4L * grid.size() * depth;
        try {
            out.write(new byte[(int) ((FitsStructure.BLOCK - bytes % FitsStructure.BLOCK) % FitsStructure.BLOCK)]);
            out.close();
        } catch (IOException e) {
            throw new MassmapIoException(atomic.target(), "cannot finish writing the cube", e);
        }
        atomic.commit();
        committed = true;
    }

    /** Deletes the partial output unless {@link #commit()} succeeded. */
    @Override
    public void close() throws MassmapIoException {
        if (committed) {
            return;
        }
        MassmapIoException failure = new MassmapIoException(atomic.target(), "cannot discard the unfinished cube");
        closeAll(out, atomic, failure);
        if (failure.getSuppressed().length > 0) {
            throw failure;
        }
    }

    private static void closeAll(FitsOutputStream out, AtomicFile atomic, Exception failure) {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
        try {
            atomic.abort();
        } catch (MassmapIoException e) {
            failure.addSuppressed(e);
        }
    }
}
