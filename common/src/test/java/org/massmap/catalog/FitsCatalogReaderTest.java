package org.massmap.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.Fits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massmap.grid.SkyPoint;

class FitsCatalogReaderTest {

    @TempDir
    Path dir;

    private static final ColumnMapping COLS = ColumnMapping.defaults().withWeight("w");

    /** All galaxies of a reader, as {ra, dec, e1, e2, w} arrays. */
    static double[][] readAll(CatalogReader reader, int chunkCapacity) throws CatalogException {
        List<double[]> rows = new ArrayList<>();
        GalaxyChunk chunk = new GalaxyChunk(chunkCapacity);
        while (reader.next(chunk)) {
            assertTrue(chunk.size() > 0);
            for (int i = 0; i < chunk.size(); i++) {
                rows.add(new double[] {chunk.ra()[i], chunk.dec()[i], chunk.e1()[i], chunk.e2()[i], chunk.w()[i]});
            }
        }
        double[][] out = new double[5][rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            for (int c = 0; c < 5; c++) {
                out[c][i] = rows.get(i)[c];
            }
        }
        return out;
    }

    @Test
    void readsMappedColumnsCaseInsensitivelyInOrder() throws Exception {
        Fixtures.Catalog cat = Fixtures.random(1, 1000, new SkyPoint(150, 2), 1.0, 0.3, true);
        Path f = Fixtures.writeFits(dir.resolve("cat.fits"), cat);
        try (FitsCatalogReader r = FitsCatalogReader.open(f, COLS)) {
            assertEquals(1000, r.tableRows());
            assertEquals(1, r.hdu());
            double[][] got = readAll(r, 128);
            assertArrayEquals(cat.ra(), got[0]);
            assertArrayEquals(cat.dec(), got[1]);
            assertArrayEquals(cat.e1(), got[2]);
            assertArrayEquals(cat.e2(), got[3]);
            assertArrayEquals(cat.w(), got[4]);
            assertEquals(new ReadStats(f.toString(), 1000, 1000, 0, 0), r.stats());
        }
    }

    @Test
    void withoutWeightColumnEveryWeightIsOneAndFlipsApply() throws Exception {
        Fixtures.Catalog cat = Fixtures.random(2, 50, new SkyPoint(10, -30), 1.0, 0.3, true);
        Path f = Fixtures.writeFits(dir.resolve("cat.fits"), cat);
        try (FitsCatalogReader r = FitsCatalogReader.open(f, ColumnMapping.defaults().withFlips(true, true))) {
            double[][] got = readAll(r, 64);
            for (int i = 0; i < 50; i++) {
                assertEquals(-cat.e1()[i], got[2][i]);
                assertEquals(-cat.e2()[i], got[3][i]);
                assertEquals(1.0, got[4][i]);
            }
        }
    }

    @Test
    void decodesFloatAndScaledIntegerColumnsWithNulls() throws Exception {
        double[] ra = {1, 2, 3, 4};
        float[] dec = {-1.5f, 0f, 2.25f, 3f};
        int[] e1 = {100, -200, 300, -999}; // stored as J with TSCAL 0.001, TNULL -999
        short[] e2 = {5, 6, 7, 8};          // stored as I with TZERO 0.5, TSCAL 0.01
        Path f = dir.resolve("types.fits");
        try (Fits fits = new Fits()) {
            BinaryTableHDU hdu = Fixtures.table(new String[] {"Ra", "DEC", "g1", "g2"}, ra, dec, e1, e2);
            hdu.getHeader().addValue("TSCAL3", 0.001, "");
            hdu.getHeader().addValue("TNULL3", -999, "");
            hdu.getHeader().addValue("TSCAL4", 0.01, "");
            hdu.getHeader().addValue("TZERO4", 0.5, "");
            fits.addHDU(hdu);
            fits.write(f.toFile());
        }
        try (FitsCatalogReader r = FitsCatalogReader.open(f, ColumnMapping.defaults().withNames("ra", "dec", "G1", "G2"))) {
            double[][] got = readAll(r, 10);
            assertArrayEquals(new double[] {1, 2, 3}, got[0]);
            assertArrayEquals(new double[] {-1.5, 0, 2.25}, got[1]);
            assertArrayEquals(new double[] {0.1, -0.2, 0.3}, got[2], 1e-15);
            assertArrayEquals(new double[] {0.55, 0.56, 0.57}, got[3], 1e-15);
            assertEquals(1, r.stats().droppedNonFinite(), "the TNULL row is dropped");
        }
    }

    @Test
    void decodesLongAndUnsignedByteColumns() throws Exception {
        long[] ra = {359, 1};
        double[] dec = {-89.5, 89.5};
        double[] e1 = {0.1, 0.2};
        double[] e2 = {0.3, 0.4};
        byte[] w = {(byte) 200, 3}; // FITS B is unsigned: 200, not -56
        Path f = Fixtures.writeFits(dir.resolve("kb.fits"), new String[] {"ra", "dec", "e1", "e2", "w"}, ra, dec, e1, e2, w);
        try (FitsCatalogReader r = FitsCatalogReader.open(f, COLS)) {
            double[][] got = readAll(r, 10);
            assertArrayEquals(new double[] {359, 1}, got[0]);
            assertArrayEquals(new double[] {200, 3}, got[4]);
        }
    }

    @Test
    void nonFiniteAndZeroWeightRowsAreDroppedAndCounted() throws Exception {
        double[] ra = {1, 2, Double.NaN, 4, 5, 6, 7};
        double[] dec = {1, 2, 3, Double.POSITIVE_INFINITY, 5, 6, 7};
        double[] e1 = {0.1, 0.2, 0.3, 0.4, Double.NaN, 0.6, 0.7};
        double[] e2 = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7};
        double[] w = {1, 0, 1, 1, 1, Double.NEGATIVE_INFINITY, 2};
        Path f = Fixtures.writeFits(dir.resolve("nan.fits"), new String[] {"ra", "dec", "e1", "e2", "w"}, ra, dec, e1, e2, w);
        try (FitsCatalogReader r = FitsCatalogReader.open(f, COLS)) {
            double[][] got = readAll(r, 3);
            assertArrayEquals(new double[] {1, 7}, got[0]);
            assertEquals(new ReadStats(f.toString(), 7, 2, 4, 1), r.stats());
        }
    }

    @Test
    void negativeWeightIsAnErrorNamingRowAndColumn() throws Exception {
        Path f = Fixtures.writeFits(dir.resolve("neg.fits"), new String[] {"ra", "dec", "e1", "e2", "w"},
                new double[] {1, 2}, new double[] {1, 2}, new double[] {0, 0}, new double[] {0, 0}, new double[] {1, -1});
        try (FitsCatalogReader r = FitsCatalogReader.open(f, COLS)) {
            CatalogException e = assertThrows(CatalogException.class, () -> r.next(new GalaxyChunk()));
            assertTrue(e.getMessage().contains("row 2 (counting from 1)") && e.getMessage().contains("'w'"), e.getMessage());
        }
    }

    @Test
    void missingColumnErrorNamesItAndListsAvailableColumns() {
        Path f = Fixtures.writeFits(dir.resolve("cols.fits"), new String[] {"RA", "DEC", "G1", "G2"},
                new double[] {1}, new double[] {1}, new double[] {0}, new double[] {0});
        CatalogException e = assertThrows(CatalogException.class, () -> FitsCatalogReader.open(f, ColumnMapping.defaults()));
        assertEquals(f.toString(), e.file());
        assertTrue(e.getMessage().contains("'e1', 'e2'"), e.getMessage());
        assertTrue(e.getMessage().contains("available columns: RA, DEC, G1, G2"), e.getMessage());
    }

    @Test
    void usesFirstBinaryTableThatHasAllColumns() throws Exception {
        Path f = dir.resolve("two.fits");
        try (Fits fits = new Fits()) {
            fits.addHDU(Fixtures.table(new String[] {"id", "flux"}, new int[] {1, 2, 3}, new double[] {1, 2, 3}));
            fits.addHDU(Fixtures.table(new String[] {"ra", "dec", "e1", "e2"},
                    new double[] {5, 6}, new double[] {7, 8}, new double[] {0.1, 0.2}, new double[] {0.3, 0.4}));
            fits.write(f.toFile());
        }
        try (FitsCatalogReader r = FitsCatalogReader.open(f, ColumnMapping.defaults())) {
            assertEquals(2, r.hdu());
            assertArrayEquals(new double[] {5, 6}, readAll(r, 8)[0]);
        }
    }

    @Test
    void wrongColumnTypeIsAnError() {
        Path f = Fixtures.writeFits(dir.resolve("str.fits"), new String[] {"ra", "dec", "e1", "e2"},
                new double[] {1}, new double[] {1}, new String[] {"abc"}, new double[] {0});
        CatalogException e = assertThrows(CatalogException.class, () -> FitsCatalogReader.open(f, ColumnMapping.defaults()));
        assertTrue(e.getMessage().contains("column 'e1'") && e.getMessage().contains("text"), e.getMessage());

        Path g = Fixtures.writeFits(dir.resolve("vec.fits"), new String[] {"ra", "dec", "e1", "e2"},
                new double[] {1}, new double[] {1}, new double[][] {{0.1, 0.2}}, new double[] {0});
        CatalogException e2 = assertThrows(CatalogException.class, () -> FitsCatalogReader.open(g, ColumnMapping.defaults()));
        assertTrue(e2.getMessage().contains("2 numbers per row"), e2.getMessage());
    }

    @Test
    void emptyTableIsAnError() {
        Path f = Fixtures.writeFits(dir.resolve("empty.fits"), new String[] {"ra", "dec", "e1", "e2"},
                new double[0], new double[0], new double[0], new double[0]);
        CatalogException e = assertThrows(CatalogException.class, () -> FitsCatalogReader.open(f, ColumnMapping.defaults()));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }

    @Test
    void missingFileNonFitsAndTruncatedFilesAreErrorsNamingTheFile() throws IOException {
        Fixtures.Catalog cat = Fixtures.random(3, 2000, new SkyPoint(150, 2), 1.0, 0.3, true);
        Path good = Fixtures.writeFits(dir.resolve("good.fits"), cat);
        byte[] bytes = Files.readAllBytes(good);

        Path missing = dir.resolve("nope.fits");
        assertMessage(missing, "no such catalog file");

        Path text = Files.writeString(dir.resolve("text.fits"), "ra,dec,e1,e2\n1,2,3,4\n");
        assertMessage(text, "not a FITS file");

        Path empty = Files.write(dir.resolve("zero.fits"), new byte[0]);
        assertMessage(empty, "not a FITS file");

        Path shortHeader = Files.write(dir.resolve("short.fits"), Arrays.copyOf(bytes, 1000));
        assertMessage(shortHeader, "truncated");

        Path inExtHeader = Files.write(dir.resolve("exthdr.fits"), Arrays.copyOf(bytes, 2880 + 1000));
        assertMessage(inExtHeader, "truncated");

        Path midTable = Files.write(dir.resolve("mid.fits"), Arrays.copyOf(bytes, bytes.length / 2));
        assertMessage(midTable, "truncated");

        byte[] garbage = bytes.clone();
        Arrays.fill(garbage, 2880, 2880 + 80, (byte) 0x07); // binary junk where the table header starts
        Path junk = Files.write(dir.resolve("junk.fits"), garbage);
        assertMessage(junk, "corrupt");
    }

    @Test
    void corruptTableHeaderValuesAreErrors() throws IOException {
        Fixtures.Catalog cat = Fixtures.random(3, 100, new SkyPoint(150, 2), 1.0, 0.3, true);
        byte[] bytes = Files.readAllBytes(Fixtures.writeFits(dir.resolve("ok.fits"), cat));
        assertMessage(Files.write(dir.resolve("naxis1.fits"), withCard(bytes, "NAXIS1", "41")), "add up to 40 bytes per row");
        assertMessage(Files.write(dir.resolve("naxis2.fits"), withCard(bytes, "NAXIS2", "1000000000")), "truncated");
        assertMessage(Files.write(dir.resolve("naxis2text.fits"), withCard(bytes, "NAXIS2", "'many'")), "NAXIS2");
        assertMessage(Files.write(dir.resolve("tform.fits"), withCard(bytes, "TFORM2", "'1Z'")), "TFORM2");
    }

    /** A copy of a FITS file with the value of the first card {@code key} in the table header replaced. */
    private static byte[] withCard(byte[] fits, String key, String value) {
        byte[] out = fits.clone();
        String text = new String(fits, 2880, 2880, java.nio.charset.StandardCharsets.US_ASCII);
        int at = text.indexOf(String.format("%-8s= ", key));
        assertTrue(at >= 0 && at % 80 == 0, key);
        byte[] card = String.format("%-8s= %20s", key, value).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] blank = new byte[80];
        Arrays.fill(blank, (byte) ' ');
        System.arraycopy(blank, 0, out, 2880 + at, 80);
        System.arraycopy(card, 0, out, 2880 + at, card.length);
        return out;
    }

    private static void assertMessage(Path file, String fragment) {
        CatalogException e = assertThrows(CatalogException.class, () -> {
            try (CatalogReader r = Catalogs.open(file, COLS)) {
                readAll(r, 1024);
            }
        });
        assertEquals(file.toString(), e.file());
        assertTrue(e.getMessage().startsWith(file.toString() + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), "expected '" + fragment + "' in: " + e.getMessage());
    }

    @Test
    void rowRangesPartitionTheTableExactly() throws Exception {
        Fixtures.Catalog cat = Fixtures.random(4, 1003, new SkyPoint(0.1, 0), 1.0, 0.3, true);
        cat.e1()[17] = Double.NaN;
        cat.w()[500] = 0;
        Path f = Fixtures.writeFits(dir.resolve("range.fits"), cat);
        long rows = FitsCatalogReader.rowCount(f, COLS);
        assertEquals(1003, rows);
        long[] cuts = {0, 0, 1, 17, 18, 400, 777, 777, 1003};
        List<Double> ras = new ArrayList<>();
        long dropped = 0;
        long read = 0;
        for (int k = 0; k + 1 < cuts.length; k++) {
            try (FitsCatalogReader r = FitsCatalogReader.open(f, COLS, cuts[k], cuts[k + 1])) {
                for (double v : readAll(r, 50)[0]) {
                    ras.add(v);
                }
                dropped += r.stats().dropped();
                read += r.stats().rowsRead();
                assertEquals(cuts[k + 1] - cuts[k], r.stats().rowsRead());
            }
        }
        assertEquals(1003, read);
        assertEquals(2, dropped);
        double[] expected = new double[1001];
        for (int i = 0, j = 0; i < 1003; i++) {
            if (i != 17 && i != 500) {
                expected[j++] = cat.ra()[i];
            }
        }
        assertArrayEquals(expected, ras.stream().mapToDouble(Double::doubleValue).toArray());
    }

    @Test
    void rowRangeOutsideTheTableIsAnError() {
        Fixtures.Catalog cat = Fixtures.random(5, 10, new SkyPoint(0, 0), 1.0, 0.3, true);
        Path f = Fixtures.writeFits(dir.resolve("r.fits"), cat);
        CatalogException e = assertThrows(CatalogException.class, () -> FitsCatalogReader.open(f, COLS, 5, 11));
        assertTrue(e.getMessage().contains("10 rows"), e.getMessage());
        assertThrows(CatalogException.class, () -> FitsCatalogReader.open(f, COLS, 6, 5));
    }

    @Test
    void endOfStreamIsStable() throws Exception {
        Fixtures.Catalog cat = Fixtures.random(6, 5, new SkyPoint(0, 0), 1.0, 0.3, true);
        Path f = Fixtures.writeFits(dir.resolve("eos.fits"), cat);
        try (FitsCatalogReader r = FitsCatalogReader.open(f, COLS)) {
            GalaxyChunk c = new GalaxyChunk(16);
            assertTrue(r.next(c));
            assertEquals(5, c.size());
            assertFalse(r.next(c));
            assertFalse(r.next(c));
            assertEquals(0, c.size());
        }
    }
}
