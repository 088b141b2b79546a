package org.massmap.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import nom.tam.fits.BinaryTable;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import org.massmap.grid.SkyPoint;
import org.massmap.grid.TangentPlane;

/**
 * Small catalogs generated in test code, written as FITS binary tables or CSV. Shared with the other
 * modules' tests through massmap-common's test jar.
 */
public final class Fixtures {
    private Fixtures() {
    }

    /** A catalog in memory: columns ra, dec, e1, e2, w (sky convention). */
    public record Catalog(double[] ra, double[] dec, double[] e1, double[] e2, double[] w) {
        public int size() {
            return ra.length;
        }

        public GalaxyChunk chunk(int from, int to) {
            GalaxyChunk c = new GalaxyChunk(Math.max(1, to - from));
            for (int i = from; i < to; i++) {
                c.add(ra[i], dec[i], e1[i], e2[i], w[i]);
            }
            return c;
        }

        public GalaxyChunk chunk() {
            return chunk(0, size());
        }
    }

    /**
     * {@code n} galaxies uniform on the tangent plane in a square of side {@code sideDeg} about
     * {@code centre}, Gaussian ellipticities of per-component std {@code sigmaE}, weights uniform in
     * [0.5, 2] (or 1 if not {@code weighted}).
     */
    public static Catalog random(long seed, int n, SkyPoint centre, double sideDeg, double sigmaE, boolean weighted) {
        Random rng = new Random(seed);
        TangentPlane plane = new TangentPlane(centre);
        double half = Math.tan(Math.toRadians(sideDeg / 2));
        double[] ra = new double[n];
        double[] dec = new double[n];
        double[] e1 = new double[n];
        double[] e2 = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            SkyPoint p = plane.deproject((2 * rng.nextDouble() - 1) * half, (2 * rng.nextDouble() - 1) * half);
            ra[i] = p.raDeg();
            dec[i] = p.decDeg();
            e1[i] = sigmaE * rng.nextGaussian();
            e2[i] = sigmaE * rng.nextGaussian();
            w[i] = weighted ? 0.5 + 1.5 * rng.nextDouble() : 1.0;
        }
        return new Catalog(ra, dec, e1, e2, w);
    }

    /** Writes a FITS file with an empty primary HDU and one binary table of the given columns. */
    public static Path writeFits(Path file, String[] names, Object... columns) {
        try (Fits fits = new Fits()) {
            BinaryTableHDU hdu = table(names, columns);
            fits.addHDU(hdu);
            fits.write(file.toFile());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (FitsException e) {
            throw new IllegalStateException(e);
        }
    }

    public static BinaryTableHDU table(String[] names, Object... columns) {
        try {
            BinaryTableHDU hdu = BinaryTableHDU.wrap(BinaryTable.fromColumnMajor(columns));
            for (int c = 0; c < names.length; c++) {
                hdu.setColumnName(c, names[c], null);
            }
            return hdu;
        } catch (FitsException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Path writeFits(Path file, Catalog cat) {
        return writeFits(file, new String[] {"RA", "DEC", "E1", "E2", "W"}, cat.ra(), cat.dec(), cat.e1(), cat.e2(), cat.w());
    }

    public static Path writeCsv(Path file, Catalog cat) {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("# generated test catalog\n");
            out.write("ra,dec,e1,e2,w\n");
            for (int i = 0; i < cat.size(); i++) {
                out.write(cat.ra()[i] + "," + cat.dec()[i] + "," + cat.e1()[i] + "," + cat.e2()[i] + "," + cat.w()[i] + "\n");
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
