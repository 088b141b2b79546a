package org.massmap.spark.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.massmap.spark.io.TestCatalogs.COLS;
import static org.massmap.spark.io.TestCatalogs.readAll;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massmap.catalog.CatalogException;
import org.massmap.catalog.Catalogs;
import org.massmap.catalog.CsvCatalogReader;
import org.massmap.catalog.FitsCatalogReader;

class HadoopCatalogSourceTest {
    @TempDir
    Path dir;

    private final Configuration conf = new Configuration();

    private static void assertSame(double[][] expected, double[][] actual) {
        for (int c = 0; c < 5; c++) {
            assertArrayEquals(expected[c], actual[c], "column " + c);
        }
    }

    @Test
    void fileUriReadsTheSameGalaxiesAsTheLocalReader() throws Exception {
        double[][] cat = TestCatalogs.random(1, 5003);
        Path fits = TestCatalogs.writeFits(dir.resolve("cat.fits"), cat);
        HadoopCatalogSource src = HadoopCatalogSource.of(fits.toUri().toString(), conf);
        assertEquals(Files.size(fits), src.length());

        double[][] local = readAll(FitsCatalogReader.open(fits, COLS));
        assertEquals(5002, local[0].length);
        assertSame(local, readAll(FitsCatalogReader.open(src, COLS)));
        assertSame(local, readAll(Catalogs.open(src, COLS)));
        assertEquals(5003, FitsCatalogReader.rowCount(src, COLS));
        for (long[] range : new long[][] {{0, 1}, {1, 2500}, {2500, 2500}, {2500, 5003}}) {
            assertSame(readAll(FitsCatalogReader.open(fits, COLS, range[0], range[1])),
                    readAll(FitsCatalogReader.open(src, COLS, range[0], range[1])));
        }
        // a plain absolute path resolves against the default file system (file:///)
        assertSame(local, readAll(FitsCatalogReader.open(HadoopCatalogSource.of(fits.toString(), conf), COLS)));
    }

    @Test
    void csvAndGzippedCsvThroughFileUris() throws Exception {
        double[][] cat = TestCatalogs.random(2, 800);
        Path csv = TestCatalogs.writeCsv(dir.resolve("cat.csv"), cat, false);
        Path gz = TestCatalogs.writeCsv(dir.resolve("cat.csv.gz"), cat, true);
        double[][] local = readAll(CsvCatalogReader.open(csv, COLS));
        assertSame(local, readAll(CsvCatalogReader.open(HadoopCatalogSource.of(csv.toUri().toString(), conf), COLS)));
        assertSame(local, readAll(Catalogs.open(HadoopCatalogSource.of(gz.toUri().toString(), conf), COLS)));
    }

    @Test
    void errorsNameTheUri() throws Exception {
        String missing = dir.resolve("nope.fits").toUri().toString();
        HadoopCatalogSource src = HadoopCatalogSource.of(missing, conf);
        CatalogException e = assertThrows(CatalogException.class, () -> readAll(Catalogs.open(src, COLS)));
        assertEquals(missing, e.file());
        assertTrue(e.getMessage().startsWith(missing + ": no such catalog file"), e.getMessage());
        e = assertThrows(CatalogException.class, () -> FitsCatalogReader.open(src, COLS, 0, 10));
        assertTrue(e.getMessage().contains("no such catalog file"), e.getMessage());

        String directory = dir.toUri().toString();
        e = assertThrows(CatalogException.class, () -> HadoopCatalogSource.of(directory, conf).length());
        assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());

        e = assertThrows(CatalogException.class, () -> HadoopCatalogSource.of("nosuchfs://host/cat.fits", conf));
        assertEquals("nosuchfs://host/cat.fits", e.file());
        assertTrue(e.getMessage().contains("no usable file system"), e.getMessage());

        byte[] bytes = Files.readAllBytes(TestCatalogs.writeFits(dir.resolve("good.fits"), TestCatalogs.random(3, 3000)));
        Path cut = Files.write(dir.resolve("cut.fits"), Arrays.copyOf(bytes, bytes.length / 2));
        String cutUri = cut.toUri().toString();
        e = assertThrows(CatalogException.class, () -> FitsCatalogReader.open(HadoopCatalogSource.of(cutUri, conf), COLS));
        assertTrue(e.getMessage().startsWith(cutUri + ": truncated FITS"), e.getMessage());
    }
}
