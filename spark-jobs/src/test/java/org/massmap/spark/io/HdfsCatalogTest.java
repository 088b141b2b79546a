package org.massmap.spark.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.massmap.spark.io.TestCatalogs.COLS;
import static org.massmap.spark.io.TestCatalogs.readAll;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massmap.catalog.CatalogException;
import org.massmap.catalog.FitsCatalogReader;

/** The catalog input path on an in-process HDFS (one name node, one data node). */
@org.massmap.testing.SlowTest
class HdfsCatalogTest {
    @TempDir
    static Path dir;
    private static MiniDFSCluster cluster;
    private static Configuration conf;
    private static String root;

    @BeforeAll
    static void startHdfs() throws Exception {
        Configuration base = new Configuration();
        base.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.resolve("hdfs").toString());
        base.setLong("dfs.blocksize", 1 << 20); // several blocks per test table
        cluster = new MiniDFSCluster.Builder(base).numDataNodes(1).build();
        cluster.waitActive();
        conf = cluster.getConfiguration(0);
        root = cluster.getURI() + "/survey";
    }

    @AfterAll
    static void stopHdfs() {
        if (cluster != null) {
            cluster.shutdown();
        }
    }

    private static String put(Path local, String relative) throws Exception {
        org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(root + "/" + relative);
        FileSystem fs = target.getFileSystem(conf);
        try (OutputStream out = fs.create(target)) {
            Files.copy(local, out);
        }
        return fs.makeQualified(target).toString();
    }

    @Test
    void discoverSplitAndReadFromHdfs() throws Exception {
        double[][] cat = TestCatalogs.random(7, 60_000); // 2.4 MB of rows: three HDFS blocks
        Path fits = TestCatalogs.writeFits(dir.resolve("local/big.fits"), cat);
        Path csv = TestCatalogs.writeCsv(dir.resolve("local/small.csv.gz"), TestCatalogs.random(8, 500), true);
        String fitsUri = put(fits, "2024/big.fits");
        String csvUri = put(csv, "2024/extra/small.csv.gz");
        put(csv, "2024/_SUCCESS");

        List<CatalogFile> found = new CatalogFiles(conf).discover(List.of(root));
        assertEquals(List.of(fitsUri, csvUri), found.stream().map(CatalogFile::uri).toList());
        assertEquals(Files.size(fits), found.get(0).length());

        List<CatalogSplit> splits = new CatalogSplits(conf, COLS, 25_000).split(found);
        assertEquals(4, splits.size()); // 20000 + 20000 + 20000 rows, then the CSV file
        List<double[][]> parts = new ArrayList<>();
        for (CatalogSplit s : splits.subList(0, 3)) {
            parts.add(readAll(s.open(conf, COLS)));
        }
        double[][] joined = TestCatalogs.concat(parts);
        double[][] local = readAll(FitsCatalogReader.open(fits, COLS));
        for (int c = 0; c < 5; c++) {
            assertArrayEquals(local[c], joined[c]);
        }
        assertEquals(499, readAll(splits.get(3).open(conf, COLS))[0].length);
    }

    @Test
    void missingHdfsFileIsNamed() throws Exception {
        String missing = root + "/nope.fits";
        CatalogException e = assertThrows(CatalogException.class,
                () -> FitsCatalogReader.open(HadoopCatalogSource.of(missing, conf), COLS, 0, 10));
        assertEquals(missing, e.file());
        assertTrue(e.getMessage().contains("no such catalog file"), e.getMessage());
    }
}
