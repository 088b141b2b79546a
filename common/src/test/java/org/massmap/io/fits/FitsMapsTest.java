package org.massmap.io.fits;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.ImageData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massmap.grid.TileGrid;
import org.massmap.io.MassmapIoException;
import org.massmap.io.SkyMap;

class FitsMapsTest {

    @TempDir
    Path dir;

    @Test
    void singleMapRoundTripWithWcsUnitAndProvenance() throws Exception {
        TileGrid grid = FitsTestData.grid(6, 4);
        SkyMap map = new SkyMap("KAPPA_MEAN", "", grid, FitsTestData.ramp(24, -1));
        Path file = dir.resolve("mean.fits");
        FitsMaps.write(file, FitsTestData.PROVENANCE, List.of(new MapHdu(map, FitsKeywords.of(java.util.Map.of("NSAMPLE", 100)))));

        MapHdu back = FitsMaps.read(file);
        assertEquals("KAPPA_MEAN", back.map().name());
        assertEquals("", back.map().unit());
        assertArrayEquals(map.values(), back.map().values());
        assertEquals(-1.0 + 0.25 * (2 * 6 + 5), back.map().value(5, 2)); // index iy*nx + ix
        assertGridClose(grid, back.map().grid());

        FitsKeywords h = back.keywords();
        assertEquals(-32L, h.integer("BITPIX").orElseThrow());
        assertEquals(6L, h.integer("NAXIS1").orElseThrow(), "NAXIS1 = nx");
        assertEquals(4L, h.integer("NAXIS2").orElseThrow(), "NAXIS2 = ny");
        assertEquals("RA---TAN", h.string("CTYPE1").orElseThrow());
        assertEquals("DEC--TAN", h.string("CTYPE2").orElseThrow());
        assertEquals(3.5, h.number("CRPIX1").orElseThrow(), 0.0); // (nx+1)/2
        assertEquals(2.5, h.number("CRPIX2").orElseThrow(), 0.0); // (ny+1)/2
        assertTrue(h.number("CDELT1").orElseThrow() < 0, "East left");
        assertEquals(0.5 / 60, h.number("CDELT2").orElseThrow(), 1e-15);
        assertEquals(150.1, h.number("CRVAL1").orElseThrow(), 1e-12);
        assertEquals(2.2, h.number("CRVAL2").orElseThrow(), 1e-12);
        assertEquals("ICRS", h.string("RADESYS").orElseThrow());
        assertTrue(h.number("EQUINOX").isEmpty(), "EQUINOX has no meaning beside RADESYS = 'ICRS'");
        assertEquals(100L, h.integer("NSAMPLE").orElseThrow());
        assertEquals("2026-01-02T03:04:05", h.string("DATE").orElseThrow());
        assertEquals(FitsTestData.PROVENANCE, Provenance.fromKeywords(h));
    }

    private static void assertGridClose(TileGrid expected, TileGrid actual) {
        assertEquals(expected.nx(), actual.nx());
        assertEquals(expected.ny(), actual.ny());
        assertEquals(expected.pixelRad(), actual.pixelRad(), 1e-14 * expected.pixelRad());
        assertEquals(expected.centre().raDeg(), actual.centre().raDeg(), 1e-12);
        assertEquals(expected.centre().decDeg(), actual.centre().decDeg(), 1e-12);
    }

    @Test
    void multiHduRoundTripKeepsOrderNamesUnitsAndNaNMask() throws Exception {
        TileGrid grid = FitsTestData.grid(8, 8);
        double[] mask = new double[64];
        java.util.Arrays.fill(mask, 1);
        mask[0] = 0;
        mask[63] = 0;
        mask[9] = 0;
        SkyMap mean = SkyMap.of("KAPPA_MEAN", grid, FitsTestData.gaussian(64, 1)).masked(mask);
        SkyMap std = new SkyMap("KAPPA_STD", "", grid, FitsTestData.gaussian(64, 2)).masked(mask);
        SkyMap noise = new SkyMap("NOISE", "shear", grid, FitsTestData.ramp(64, 0));
        Path file = dir.resolve("posterior.fits");
        FitsMaps.write(file, FitsTestData.PROVENANCE, mean, std, noise);

        List<MapHdu> all = FitsMaps.readAll(file);
        assertEquals(List.of("KAPPA_MEAN", "KAPPA_STD", "NOISE"), all.stream().map(h -> h.map().name()).toList());
        assertArrayEquals(mean.values(), all.get(0).map().values());
        assertArrayEquals(std.values(), all.get(1).map().values());
        assertTrue(Double.isNaN(all.get(0).map().value(0)) && Double.isNaN(all.get(0).map().value(1, 1)));
        assertFalse(Double.isNaN(all.get(0).map().value(1)));
        assertEquals("shear", all.get(2).map().unit());
        assertNull(all.get(0).map().unit(), "no BUNIT written for a map without unit");
        assertEquals("IMAGE", all.get(1).keywords().string("XTENSION").orElseThrow());
        assertArrayEquals(noise.values(), FitsMaps.read(file, "noise").map().values());
        for (MapHdu h : all) {
            assertTrue(h.keywords().contains("EXTNAME") && h.keywords().contains("SOFTVERS") && h.keywords().contains("CDELT1"));
        }
        MassmapIoException e = assertThrows(MassmapIoException.class, () -> FitsMaps.read(file, "SAMPLES"));
        assertTrue(e.getMessage().contains("KAPPA_STD") && e.getMessage().contains("SAMPLES"), e.getMessage());
    }

    @Test
    void rejectsDuplicateNamesAndWriterKeywordsInExtras() {
        TileGrid grid = FitsTestData.grid(4, 4);
        SkyMap a = SkyMap.of("A", grid, new double[16]);
        assertThrows(IllegalArgumentException.class, () -> FitsMaps.write(dir.resolve("x.fits"), FitsTestData.PROVENANCE, a, a));
        MapHdu clash = new MapHdu(a, FitsKeywords.of(java.util.Map.of("CRPIX1", 1.0)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FitsMaps.write(dir.resolve("y.fits"), FitsTestData.PROVENANCE, List.of(clash)));
        assertTrue(e.getMessage().contains("CRPIX1"));
        assertFalse(Files.exists(dir.resolve("y.fits")));
    }

    // ---- damaged and foreign files: each error is a MassmapIoException naming the file ----

    private Path writeLargeMap(String name) throws Exception {
        TileGrid grid = FitsTestData.grid(64, 64);
        Path file = dir.resolve(name);
        FitsMaps.write(file, FitsTestData.PROVENANCE, SkyMap.of("KAPPA", grid, FitsTestData.gaussian(64 * 64, 3)),
                SkyMap.of("SECOND", grid, FitsTestData.gaussian(64 * 64, 4)));
        return file;
    }

    private static MassmapIoException assertFailsNaming(Path file, String expectedFragment, IoAction action) {
        MassmapIoException e = assertThrows(MassmapIoException.class, action::run);
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(expectedFragment), "expected '" + expectedFragment + "' in: " + e.getMessage());
        assertEquals(file, e.file());
        return e;
    }

    @FunctionalInterface
    interface IoAction {
        void run() throws Exception;
    }

    @Test
    void missingFile() {
        Path file = dir.resolve("nowhere.fits");
        assertFailsNaming(file, "no such file", () -> FitsMaps.read(file));
    }

    @Test
    void garbageBytesAreNotFits() throws Exception {
        Path file = dir.resolve("garbage.fits");
        byte[] junk = new byte[5000];
        new Random(5).nextBytes(junk);
        Files.write(file, junk);
        assertFailsNaming(file, "not a FITS file", () -> FitsMaps.read(file));
        Path empty = Files.write(dir.resolve("empty.fits"), new byte[0]);
        assertFailsNaming(empty, "empty", () -> FitsMaps.read(empty));
    }

    @Test
    void truncatedInTheFirstHeader() throws Exception {
        Path file = FitsTestData.truncated(writeLargeMap("full.fits"), dir.resolve("cut-header.fits"), 400);
        assertFailsNaming(file, "truncated", () -> FitsMaps.read(file));
    }

    @Test
    void truncatedMidImage() throws Exception {
        Path full = writeLargeMap("full.fits");
        Path first = FitsTestData.truncated(full, dir.resolve("cut-image1.fits"), 2880 + 5000);
        assertFailsNaming(first, "truncated", () -> FitsMaps.read(first));
        long secondData = 2880 + 16384 + 1376 + 2880; // primary header + data + padding, then the extension header
        Path second = FitsTestData.truncated(full, dir.resolve("cut-image2.fits"), secondData + 100);
        assertFailsNaming(second, "HDU 1 'SECOND' is truncated", () -> FitsMaps.readAll(second));
    }

    @Test
    void truncatedInALaterHeaderIsNotSilentlyShortened() throws Exception {
        Path full = writeLargeMap("full.fits");
        Path file = FitsTestData.truncated(full, dir.resolve("cut-header2.fits"), 2880 + 16384 + 1376 + 400);
        assertFailsNaming(file, "follow the last complete HDU", () -> FitsMaps.readAll(file));
    }

    @Test
    void wrongDimensionality() throws Exception {
        Path cube = dir.resolve("cube.fits");
        FitsCubes.write(cube, "SAMPLES", null, FitsTestData.grid(4, 4), new double[][] {new double[16], new double[16]},
                FitsTestData.PROVENANCE);
        assertFailsNaming(cube, "NAXIS = 2", () -> FitsMaps.read(cube));

        Path line = dir.resolve("line.fits");
        try (Fits fits = new Fits()) {
            fits.addHDU(Fits.makeHDU(ImageData.from(new float[10])));
            fits.write(line.toFile());
        }
        assertFailsNaming(line, "1-D image", () -> FitsMaps.read(line));
    }

    @Test
    void missingWcs() throws Exception {
        Path file = dir.resolve("nowcs.fits");
        try (Fits fits = new Fits()) {
            BasicHDU<?> hdu = Fits.makeHDU(ImageData.from(new float[4][4]));
            hdu.addValue("EXTNAME", "PLAIN", "");
            fits.addHDU(hdu);
            fits.write(file.toFile());
        }
        assertFailsNaming(file, "no celestial WCS", () -> FitsMaps.read(file));
    }
}
