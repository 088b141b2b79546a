package org.massmap.io.fits;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import nom.tam.fits.ImageData;
import org.massmap.grid.TileGrid;
import org.massmap.grid.Wcs;
import org.massmap.io.AtomicFile;
import org.massmap.io.MassmapIoException;
import org.massmap.io.SkyMap;

/**
 * FITS files of 2-D maps (docs/conventions.md, Outputs): one or more named images, 32-bit float
 * (BITPIX = -32), each with the tile's celestial TAN WCS ({@link Wcs#keywords}), EXTNAME, BUNIT
 * when the map has a unit, the provenance keywords and any extra keywords. The first map is the
 * primary HDU, further maps are IMAGE extensions. Rows are FITS NAXIS2 (North up), columns NAXIS1
 * (West to the right, CDELT1 &lt; 0). NaN pixels (masked, see {@link SkyMap#masked}) stay NaN.
 * Files are written atomically. Stateless.
 *
 * <pre>{@code
 * FitsMaps.write(dir.resolve("posterior.fits"), provenance,
 *         SkyMap.of("KAPPA_MEAN", grid, mean).masked(mask), SkyMap.of("KAPPA_STD", grid, std).masked(mask));
 * SkyMap std = FitsMaps.read(dir.resolve("posterior.fits"), "KAPPA_STD").map();
 * }</pre>
 */
public final class FitsMaps {

    private FitsMaps() {
    }

    /** Writes {@code maps} (at least one, distinct names) into one FITS file. */
    public static void write(Path file, Provenance provenance, SkyMap... maps) throws MassmapIoException {
        List<MapHdu> hdus = new ArrayList<>();
        for (SkyMap m : maps) {
            hdus.add(MapHdu.of(m));
        }
        write(file, provenance, hdus);
    }

    /** Writes maps with per-HDU extra keywords into one FITS file. */
    public static void write(Path file, Provenance provenance, List<MapHdu> hdus) throws MassmapIoException {
        if (hdus.isEmpty()) {
            throw new IllegalArgumentException(file + ": nothing to write, give at least one map");
        }
        Set<String> names = new HashSet<>();
        for (MapHdu h : hdus) {
            if (!names.add(h.map().name().toUpperCase(java.util.Locale.ROOT))) {
                throw new IllegalArgumentException(file + ": two maps are named '" + h.map().name() + "'; HDU names must be distinct");
            }
        }
        AtomicFile.write(file, temp -> {
            try (Fits fits = new Fits()) {
                for (MapHdu h : hdus) {
                    fits.addHDU(imageHdu(h, provenance, file));
                }
                fits.write(temp.toFile());
            } catch (FitsException e) {
                throw new MassmapIoException(file, "cannot write the FITS image", e);
            }
        });
    }

    /** Reads every 2-D image of the file (skipping HDUs without data and tables). */
    public static List<MapHdu> readAll(Path file) throws MassmapIoException {
        try (FitsFile fits = FitsFile.open(file)) {
            List<MapHdu> maps = new ArrayList<>();
            for (int i = 0; i < fits.count(); i++) {
                if (fits.hdu(i) instanceof BinaryTableHDU || fits.axes(i).length == 0) {
                    continue;
                }
                maps.add(readHdu(fits, i));
            }
            if (maps.isEmpty()) {
                throw new MassmapIoException(file, "contains no image; its HDUs are " + fits.names());
            }
            return maps;
        }
    }

    /** Reads the map named {@code name} (EXTNAME, case-insensitive). */
    public static MapHdu read(Path file, String name) throws MassmapIoException {
        try (FitsFile fits = FitsFile.open(file)) {
            return readHdu(fits, fits.indexOf(name));
        }
    }

    /** Reads the first image of the file, which must be a 2-D map. */
    public static MapHdu read(Path file) throws MassmapIoException {
        try (FitsFile fits = FitsFile.open(file)) {
            for (int i = 0; i < fits.count(); i++) {
                if (!(fits.hdu(i) instanceof BinaryTableHDU) && fits.axes(i).length > 0) {
                    return readHdu(fits, i);
                }
            }
            throw new MassmapIoException(file, "contains no image; its HDUs are " + fits.names());
        }
    }

    private static BasicHDU<?> imageHdu(MapHdu h, Provenance provenance, Path file) throws FitsException, MassmapIoException {
        SkyMap m = h.map();
        TileGrid g = m.grid();
        BasicHDU<?> hdu = Fits.makeHDU(ImageData.from(ImageArrays.toFloatRows(m.values(), g.nx(), g.ny())));
        FitsHeaders.describe(hdu.getHeader(), m.name(), m.unit(), FitsHeaders.mapWcs(g), provenance, h.keywords(), file);
        return hdu;
    }

    private static MapHdu readHdu(FitsFile fits, int index) throws MassmapIoException {
        int[] axes = fits.axes(index);
        if (fits.hdu(index) instanceof BinaryTableHDU) {
            throw fits.error(index, "is a binary table, not a map; read it with FitsTables");
        }
        if (axes.length != 2) {
            throw fits.error(index, "is a " + axes.length + "-D image (NAXIS = " + axes.length + "), but a map needs NAXIS = 2"
                    + (axes.length == 3 ? "; read sample cubes with FitsCubeReader" : ""));
        }
        int nx = axes[0];
        int ny = axes[1];
        FitsKeywords header = fits.keywords(index);
        TileGrid grid = grid(fits, index, nx, ny);
        double[] values = ImageArrays.toDoubles(fits.kernel(index), nx * ny, header);
        if (values == null) {
            throw fits.error(index, "data do not match its declared " + nx + " x " + ny + " shape");
        }
        String name = fits.name(index) == null ? "HDU" + index : fits.name(index);
        String unit = header.string("BUNIT").map(String::trim).orElse(null);
        return new MapHdu(new SkyMap(name, unit, grid, values), header);
    }

    /** The tile grid from the celestial WCS of an HDU with NAXIS1 = nx, NAXIS2 = ny. */
    static TileGrid grid(FitsFile fits, int index, int nx, int ny) throws MassmapIoException {
        FitsKeywords header = fits.keywords(index);
        if (!header.contains("CTYPE1") || !header.contains("CTYPE2")) {
            throw fits.error(index, "has no celestial WCS (no CTYPE1/CTYPE2 keywords); massmap needs a RA---TAN/DEC--TAN"
                    + " WCS centred on the tile to place the map on the sky");
        }
        try {
            return Wcs.grid(nx, ny, header.asMap(), fits.describe(index));
        } catch (IllegalArgumentException e) {
            throw new MassmapIoException(fits.path(), "unusable WCS", e);
        }
    }
}
