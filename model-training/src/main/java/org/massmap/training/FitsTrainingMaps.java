package org.massmap.training;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.massmap.grid.TileGrid;
import org.massmap.io.MassmapIoException;
import org.massmap.io.SkyMap;
import org.massmap.io.fits.FitsCubeReader;
import org.massmap.io.fits.FitsMaps;

/**
 * Training maps read from user FITS files (e.g. converted from MassiveNuS or κTNG ray-tracing
 * simulations): 2-D images or cubes of κ with the project's WCS (square pixels). Every plane of
 * every file is one map; {@link #next} picks one at random (the trainer then takes random crops and
 * flips). All maps must share shape and pixel size; each is mean-subtracted. Held in memory.
 */
public final class FitsTrainingMaps implements TrainingMaps {
    private final List<double[]> maps = new ArrayList<>();
    private final int nx;
    private final int ny;
    private final double pixelArcmin;

    public FitsTrainingMaps(List<Path> files) throws MassmapIoException {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("training.maps.files is empty: give FITS images or cubes of kappa");
        }
        TileGrid first = null;
        for (Path f : files) {
            TileGrid g;
            List<double[]> planes = new ArrayList<>();
            if (isCube(f)) {
                try (FitsCubeReader cube = FitsCubeReader.open(f)) {
                    g = cube.grid();
                    for (int k = 0; k < cube.depth(); k++) {
                        planes.add(cube.readPlane(k));
                    }
                }
            } else {
                SkyMap m = FitsMaps.read(f).map();
                g = m.grid();
                planes.add(m.values());
            }
            if (first == null) {
                first = g;
            } else if (g.nx() != first.nx() || g.ny() != first.ny() || Math.abs(g.pixelArcmin() - first.pixelArcmin()) > 1e-6) {
                throw new MassmapIoException(f, "is " + g.nx() + "x" + g.ny() + " at " + g.pixelArcmin()
                        + " arcmin but the first training map is " + first.nx() + "x" + first.ny() + " at " + first.pixelArcmin());
            }
            for (double[] p : planes) {
                maps.add(zeroMean(p, f));
            }
        }
        this.nx = first.nx();
        this.ny = first.ny();
        this.pixelArcmin = first.pixelArcmin();
    }

    /** True when the primary image of {@code f} has three axes (a cube); the readers validate the rest. */
    private static boolean isCube(Path f) throws MassmapIoException {
        try (nom.tam.fits.Fits fits = new nom.tam.fits.Fits(f.toFile())) {
            nom.tam.fits.BasicHDU<?> hdu = fits.readHDU();
            if (hdu == null) {
                throw new MassmapIoException(f, "holds no FITS header; give FITS images or cubes of kappa");
            }
            return hdu.getHeader().getIntValue("NAXIS", 0) == 3;
        } catch (java.io.IOException | nom.tam.fits.FitsException e) {
            throw new MassmapIoException(f, "cannot read the FITS header: " + e.getMessage(), e);
        }
    }

    private static double[] zeroMean(double[] m, Path f) throws MassmapIoException {
        double mean = 0;
        for (double v : m) {
            if (!Double.isFinite(v)) {
                throw new MassmapIoException(f, "holds NaN or infinite pixels; training maps must be complete");
            }
            mean += v;
        }
        mean /= m.length;
        double[] out = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i] - mean;
        }
        return out;
    }

    /** Number of maps read. */
    public int size() {
        return maps.size();
    }

    @Override
    public int nx() {
        return nx;
    }

    @Override
    public int ny() {
        return ny;
    }

    @Override
    public double pixelArcmin() {
        return pixelArcmin;
    }

    @Override
    public double[] next(Random rng) {
        return maps.get(rng.nextInt(maps.size())).clone();
    }
}
