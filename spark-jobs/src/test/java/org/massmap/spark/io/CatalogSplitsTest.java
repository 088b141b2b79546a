package org.massmap.spark.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.massmap.spark.io.TestCatalogs.COLS;
import static org.massmap.spark.io.TestCatalogs.readAll;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massmap.catalog.CatalogException;
import org.massmap.catalog.CatalogFormat;
import org.massmap.catalog.CatalogReader;
import org.massmap.catalog.FitsCatalogReader;

class CatalogSplitsTest {
    @TempDir
    Path dir;

    private final Configuration conf = new Configuration();

    @Test
    void cutsPartitionTheRowsIntoNearlyEqualRangesOfAtMostTheLimit() {
        long[][] cases = {{0, 5}, {1, 1}, {1, 1000}, {10, 3}, {10, 10}, {10_007, 1000}, {999_999, 1_000_000},
                {2_000_001, 1_000_000}, {7, 1}, {123_456_789_012L, 1_000_000}};
        for (long[] c : cases) {
            long rows = c[0];
            long per = c[1];
            long[] cuts = CatalogSplits.cuts(rows, per);
            String what = rows + " rows by " + per;
            assertEquals(Math.max(1, (rows + per - 1) / per), cuts.length - 1, what);
            assertEquals(0, cuts[0], what);
            assertEquals(rows, cuts[cuts.length - 1], what);
            long min = Long.MAX_VALUE;
            long max = 0;
            for (int i = 0; i + 1 < cuts.length; i++) {
                long size = cuts[i + 1] - cuts[i];
                min = Math.min(min, size);
                max = Math.max(max, size);
            }
            assertTrue(max <= per && max - min <= 1, what + ": sizes " + min + ".." + max);
        }
    }

    @Test
    void splitsPartitionAFitsFileExactly() throws Exception {
        double[][] cat = TestCatalogs.random(4, 10_007);
        Path fits = TestCatalogs.writeFits(dir.resolve("big.fits"), cat);
        String uri = fits.toUri().toString();
        List<CatalogSplit> splits = new CatalogSplits(conf, COLS, 1000).split(new CatalogFile(uri, 0, 0));
        assertEquals(11, splits.size());
        long next = 0;
        long rowsRead = 0;
        List<double[][]> parts = new ArrayList<>();
        for (CatalogSplit s : splits) {
            assertEquals(uri, s.uri());
            assertEquals(CatalogFormat.FITS, s.format());
            assertEquals(next, s.startRow());
            assertTrue(s.rows() <= 1000 && s.rows() >= 909, s.toString());
            next = s.endRow();
            try (CatalogReader r = s.open(conf, COLS)) {
                parts.add(readAll(r));
                rowsRead += r.stats().rowsRead();
            }
        }
        assertEquals(10_007, next);
        assertEquals(10_007, rowsRead);
        double[][] whole = readAll(FitsCatalogReader.open(fits, COLS));
        double[][] joined = TestCatalogs.concat(parts);
        for (int c = 0; c < 5; c++) {
            assertArrayEquals(whole[c], joined[c]);
        }
    }

    @Test
    void aCsvFileIsOneWholeFileSplitAndSplitsSerialize() throws Exception {
        Path csv = TestCatalogs.writeCsv(dir.resolve("cat.csv.gz"), TestCatalogs.random(5, 100), true);
        Path fits = TestCatalogs.writeFits(dir.resolve("small.fits"), TestCatalogs.random(6, 10));
        List<CatalogSplit> splits = new CatalogSplits(conf, COLS).split(List.of(
                new CatalogFile(csv.toUri().toString(), 0, 0), new CatalogFile(fits.toUri().toString(), 0, 0)));
        assertEquals(List.of(CatalogSplit.wholeCsv(csv.toUri().toString()), CatalogSplit.fitsRows(fits.toUri().toString(), 0, 10)),
                splits);
        assertEquals(99, readAll(splits.get(0).open(conf, COLS))[0].length);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new ArrayList<>(splits));
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(splits, in.readObject());
        }
        assertTrue(bytes.size() < 1000, bytes.size() + " bytes for two splits");
    }

    @Test
    void badInputsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new CatalogSplits(conf, COLS, 0));
        assertThrows(IllegalArgumentException.class, () -> new CatalogSplit("file:/a.csv", CatalogFormat.CSV, 0, 5));
        assertThrows(IllegalArgumentException.class, () -> CatalogSplit.fitsRows("file:/a.fits", 5, 4));
        String missing = dir.resolve("gone.fits").toUri().toString();
        CatalogException e = assertThrows(CatalogException.class,
                () -> new CatalogSplits(conf, COLS).split(new CatalogFile(missing, 0, 0)));
        assertEquals(missing, e.file());
    }
}
