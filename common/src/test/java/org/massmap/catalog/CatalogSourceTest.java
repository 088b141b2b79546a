package org.massmap.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massmap.grid.SkyPoint;
import org.massmap.grid.TileGrid;

/** The source-based readers against the Path-based ones, on the same bytes. */
class CatalogSourceTest {

    @TempDir
    Path dir;

    private static final ColumnMapping COLS = ColumnMapping.defaults().withWeight("w");
    private static final String URI = "hdfs://namenode:8020/survey/";

    private static double[][] readAll(CatalogReader reader) throws CatalogException {
        try (reader) {
            return FitsCatalogReaderTest.readAll(reader, 100);
        }
    }

    private static void assertSameGalaxies(double[][] expected, double[][] actual) {
        assertEquals(expected.length, actual.length);
        for (int c = 0; c < expected.length; c++) {
            assertArrayEquals(expected[c], actual[c], "column " + c);
        }
    }

    @Test
    void fitsFromMemoryGivesTheSameGalaxiesAsFromThePath() throws Exception {
        Fixtures.Catalog cat = Fixtures.random(11, 1234, new SkyPoint(150, 2), 1.0, 0.3, true);
        cat.e2()[99] = Double.NaN;
        Path f = Fixtures.writeFits(dir.resolve("cat.fits"), cat);
        MemoryCatalogSource src = new MemoryCatalogSource(URI + "cat.fits", Files.readAllBytes(f));

        double[][] fromPath = readAll(FitsCatalogReader.open(f, COLS));
        assertSameGalaxies(fromPath, readAll(FitsCatalogReader.open(src, COLS)));
        assertSameGalaxies(fromPath, readAll(Catalogs.open(src, COLS)));
        assertEquals(1233, fromPath[0].length);
        assertEquals(1234, FitsCatalogReader.rowCount(src, COLS));
        try (FitsCatalogReader r = FitsCatalogReader.open(src, COLS)) {
            readAll(r);
            assertEquals(new ReadStats(URI + "cat.fits", 1234, 1233, 1, 0), r.stats());
        }
    }

    @Test
    void rowRangesFromASourcePartitionTheTableAndMatchThePathReader() throws Exception {
        Fixtures.Catalog cat = Fixtures.random(12, 2000, new SkyPoint(0.5, -1), 1.0, 0.3, true);
        Path f = Fixtures.writeFits(dir.resolve("range.fits"), cat);
        MemoryCatalogSource src = new MemoryCatalogSource(URI + "range.fits", Files.readAllBytes(f));
        long[] cuts = {0, 1, 333, 333, 1024, 1999, 2000};
        double[] all = new double[0];
        for (int k = 0; k + 1 < cuts.length; k++) {
            double[][] fromSource = readAll(FitsCatalogReader.open(src, COLS, cuts[k], cuts[k + 1]));
            assertSameGalaxies(readAll(FitsCatalogReader.open(f, COLS, cuts[k], cuts[k + 1])), fromSource);
            int at = all.length;
            all = Arrays.copyOf(all, at + fromSource[0].length);
            System.arraycopy(fromSource[0], 0, all, at, fromSource[0].length);
        }
        assertArrayEquals(cat.ra(), all);
    }

    @Test
    void aRowRangeReadsOnlyTheHeadersAndItsOwnRows() throws Exception {
        Fixtures.Catalog cat = Fixtures.random(13, 50_000, new SkyPoint(10, 10), 1.0, 0.3, true);
        Path f = Fixtures.writeFits(dir.resolve("big.fits"), cat);
        MemoryCatalogSource src = new MemoryCatalogSource(URI + "big.fits", Files.readAllBytes(f));
        int rowBytes = 5 * 8;
        int headerBlocks = 2 * 2; // primary and table header, each parsed and then scanned for END
        assertEquals(1000, readAll(FitsCatalogReader.open(src, COLS, 20_000, 21_000))[0].length);
        long read = src.positionalBytesRead();
        assertTrue(read <= headerBlocks * 2880L + 2880 + 1000L * rowBytes, read + " bytes read of " + Files.size(f));
    }

    @Test
    void csvFromMemoryPlainAndGzipGivesTheSameGalaxiesAsFromThePath() throws Exception {
        Fixtures.Catalog cat = Fixtures.random(14, 700, new SkyPoint(200, 30), 1.0, 0.3, true);
        Path f = Fixtures.writeCsv(dir.resolve("cat.csv"), cat);
        byte[] plain = Files.readAllBytes(f);
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(zipped)) {
            out.write(plain);
        }
        double[][] fromPath = readAll(CsvCatalogReader.open(f, COLS));
        assertArrayEquals(cat.ra(), fromPath[0]);
        assertSameGalaxies(fromPath, readAll(CsvCatalogReader.open(new MemoryCatalogSource(URI + "cat.csv", plain), COLS)));
        assertSameGalaxies(fromPath, readAll(Catalogs.open(new MemoryCatalogSource(URI + "cat.csv", plain), COLS)));
        assertSameGalaxies(fromPath, readAll(Catalogs.open(new MemoryCatalogSource(URI + "cat.csv.gz", zipped.toByteArray()), COLS)));
    }

    @Test
    void binningFromASourceEqualsBinningFromThePath() throws Exception {
        Fixtures.Catalog cat = Fixtures.random(15, 3000, new SkyPoint(30, -20), 1.0, 0.3, true);
        Path f = Fixtures.writeFits(dir.resolve("bin.fits"), cat);
        CatalogSource src = new MemoryCatalogSource(URI + "bin.fits", Files.readAllBytes(f));
        SkyPoint centre = Catalogs.meanCentre(f, COLS);
        assertEquals(centre, Catalogs.meanCentre(src, COLS));
        TileGrid grid = TileGrid.square(16, 4.0, centre);
        BinnedShear a = Catalogs.bin(f, COLS, grid, ShapeNoise.configured(0.3));
        BinnedShear b = Catalogs.bin(src, COLS, grid, ShapeNoise.configured(0.3));
        assertArrayEquals(a.gamma1(), b.gamma1());
        assertArrayEquals(a.gamma2(), b.gamma2());
        assertArrayEquals(a.counts(), b.counts());
    }

    @Test
    void errorsNameTheSource() throws IOException {
        Fixtures.Catalog cat = Fixtures.random(16, 2000, new SkyPoint(150, 2), 1.0, 0.3, true);
        byte[] bytes = Files.readAllBytes(Fixtures.writeFits(dir.resolve("good.fits"), cat));
        String name = URI + "cut.fits";
        CatalogException e = assertThrows(CatalogException.class,
                () -> readAll(Catalogs.open(new MemoryCatalogSource(name, Arrays.copyOf(bytes, bytes.length / 2)), COLS)));
        assertEquals(name, e.file());
        assertTrue(e.getMessage().startsWith(name + ": truncated FITS"), e.getMessage());

        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(zipped)) {
            out.write(bytes);
        }
        e = assertThrows(CatalogException.class,
                () -> CatalogFormat.detect(new MemoryCatalogSource(URI + "cat.FITS.gz", zipped.toByteArray())));
        assertTrue(e.getMessage().contains("gunzip"), e.getMessage());
    }

    @Test
    void localSourceReportsMissingFilesAndDirectories() {
        CatalogSource missing = CatalogSource.of(dir.resolve("nope.csv"));
        assertEquals(dir.resolve("nope.csv").toString(), missing.name());
        CatalogException e = assertThrows(CatalogException.class, missing::length);
        assertTrue(e.getMessage().contains("no such catalog file"), e.getMessage());
        e = assertThrows(CatalogException.class, () -> CsvCatalogReader.open(missing, COLS));
        assertTrue(e.getMessage().contains("no such catalog file"), e.getMessage());
        e = assertThrows(CatalogException.class, () -> FitsCatalogReader.open(CatalogSource.of(dir), COLS));
        assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
    }
}
