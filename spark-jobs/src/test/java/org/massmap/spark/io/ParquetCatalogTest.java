package org.massmap.spark.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.massmap.spark.io.TestCatalogs.COLS;
import static org.massmap.spark.io.TestCatalogs.readAll;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massmap.catalog.CatalogException;
import org.massmap.catalog.CatalogFormat;
import org.massmap.catalog.CatalogReader;
import org.massmap.catalog.ColumnMapping;
import org.massmap.catalog.CsvCatalogReader;

class ParquetCatalogTest {
    /** ra, dec as DOUBLE; e1, e2 as FLOAT (as many pipelines store them); w optional DOUBLE; an extra string column. */
    private static final MessageType SCHEMA = MessageTypeParser.parseMessageType("message catalog { required double ra;"
            + " required double dec; required float e1; required float e2; optional double w; optional binary name (UTF8); }");

    @TempDir
    Path dir;

    private final Configuration conf = new Configuration();

    /** Writes the catalog with row groups of about {@code rowGroupBytes}; row 5 has a null weight. */
    private Path writeParquet(Path file, double[][] c, int rowGroupBytes) throws IOException {
        SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new org.apache.hadoop.fs.Path(file.toUri())).withConf(conf)
                .withType(SCHEMA).withRowGroupSize(rowGroupBytes).withPageSize(1024).withDictionaryEncoding(false).build()) {
            for (int i = 0; i < c[0].length; i++) {
                Group g = groups.newGroup().append("ra", c[0][i]).append("dec", c[1][i]).append("e1", (float) c[2][i])
                        .append("e2", (float) c[3][i]).append("name", "g" + i);
                if (i != 5) {
                    g.append("w", c[4][i]);
                }
                w.write(g);
            }
        }
        return file;
    }

    /** The catalog as the Parquet file holds it: e1, e2 rounded to float, row 5 without weight. */
    private static double[][] asStored(double[][] c) {
        double[][] s = new double[5][];
        for (int k = 0; k < 5; k++) {
            s[k] = c[k].clone();
        }
        for (int i = 0; i < c[0].length; i++) {
            s[2][i] = (float) c[2][i];
            s[3][i] = (float) c[3][i];
        }
        s[4][5] = Double.NaN;
        return s;
    }

    @Test
    void splitsBetweenRowGroupsReadExactlyWhatAWholeCsvCopyHolds() throws Exception {
        double[][] cat = TestCatalogs.random(7, 20_000);
        Path pq = writeParquet(dir.resolve("cat.parquet"), cat, 64 * 1024);
        String uri = pq.toUri().toString();
        assertEquals(CatalogFormat.PARQUET, CatalogFormat.detect(pq));
        long[] groups = ParquetCatalogReader.rowGroupRows(uri, conf, COLS);
        assertTrue(groups.length >= 4, "several row groups: " + groups.length);
        assertEquals(20_000, java.util.Arrays.stream(groups).sum());

        List<CatalogSplit> splits = new CatalogSplits(conf, COLS, 5000).split(new CatalogFile(uri, 0, 0));
        assertTrue(splits.size() >= 2, splits.toString());
        int next = 0;
        long rowsRead = 0;
        List<double[][]> parts = new ArrayList<>();
        for (CatalogSplit s : splits) {
            assertEquals(CatalogFormat.PARQUET, s.format());
            assertEquals(next, s.startRow(), "splits tile the row groups");
            next = (int) s.endRow();
            try (CatalogReader r = s.open(conf, COLS)) {
                parts.add(readAll(r));
                rowsRead += r.stats().rowsRead();
            }
        }
        assertEquals(groups.length, next);
        assertEquals(20_000, rowsRead);
        Path csv = TestCatalogs.writeCsv(dir.resolve("cat.csv"), asStored(cat), false);
        double[][] expected = readAll(CsvCatalogReader.open(csv, COLS));
        double[][] joined = TestCatalogs.concat(parts);
        assertEquals(20_000 - 2, joined[0].length, "the NaN e1 (row 3) and the null weight (row 5) are dropped");
        for (int c = 0; c < 5; c++) {
            assertArrayEquals(expected[c], joined[c], "column " + c);
        }
        // the whole file in one reader, with sign flips applied like every other format
        ColumnMapping flipped = COLS.withFlips(true, false);
        double[][] whole = readAll(ParquetCatalogReader.open(uri, conf, flipped));
        assertEquals(-expected[2][0], whole[2][0]);
        assertEquals(expected[3][0], whole[3][0]);
    }

    @Test
    void badColumnsAndDamagedFilesAreNamed() throws Exception {
        double[][] cat = TestCatalogs.random(8, 100);
        Path pq = writeParquet(dir.resolve("cat.parquet"), cat, 1 << 20);
        String uri = pq.toUri().toString();
        CatalogException e = assertThrows(CatalogException.class,
                () -> ParquetCatalogReader.rowGroupRows(uri, conf, COLS.withNames("ra", "dec", "g1", "e2")));
        assertTrue(e.getMessage().contains("cat.parquet") && e.getMessage().contains("'g1' not found")
                && e.getMessage().contains("available columns: ra, dec, e1, e2, w, name"), e.getMessage());
        e = assertThrows(CatalogException.class, () -> ParquetCatalogReader.open(uri, conf, COLS.withNames("ra", "dec", "name", "e2")));
        assertTrue(e.getMessage().contains("'name'") && e.getMessage().contains("must be numeric"), e.getMessage());

        byte[] bytes = Files.readAllBytes(pq);
        Path cut = Files.write(dir.resolve("cut.parquet"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        e = assertThrows(CatalogException.class, () -> ParquetCatalogReader.rowGroupRows(cut.toUri().toString(), conf, COLS));
        assertTrue(e.getMessage().contains("cut.parquet") && e.getMessage().contains("truncated or damaged"), e.getMessage());
        e = assertThrows(CatalogException.class,
                () -> ParquetCatalogReader.open(dir.resolve("none.parquet").toUri().toString(), conf, COLS));
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
    }

    @Test
    void theKsCommandMapsAParquetCatalogLikeTheSameCatalogAsCsv() throws Exception {
        double[][] cat = TestCatalogs.random(9, 3000);
        Path pq = writeParquet(dir.resolve("cat.parquet"), cat, 16 * 1024);
        Path csv = TestCatalogs.writeCsv(dir.resolve("cat.csv"), asStored(cat), false);
        double[][] maps = new double[2][];
        Path[] inputs = {pq, csv};
        for (int i = 0; i < 2; i++) {
            Path out = dir.resolve("ks" + i);
            java.io.StringWriter text = new java.io.StringWriter();
            java.io.PrintWriter pw = new java.io.PrintWriter(text, true);
            int code = org.massmap.cli.Main.run(new String[] {"ks", "--catalog", inputs[i].toString(), "--out", out.toString(),
                "--size", "32", "--pixel-arcmin", "2", "--set", "catalog.weight=w"}, pw, pw);
            assertEquals(0, code, text.toString());
            maps[i] = org.massmap.io.fits.FitsMaps.read(out.resolve("kappa_ks_e.fits")).map().values();
        }
        assertArrayEquals(maps[1], maps[0], 1e-12);
    }

    @Test
    void directoriesOfParquetPartsAreDiscovered() throws Exception {
        Path data = Files.createDirectories(dir.resolve("survey.parquet"));
        writeParquet(data.resolve("part-00000.parquet"), TestCatalogs.random(1, 50), 1 << 20);
        writeParquet(data.resolve("part-00001.parquet"), TestCatalogs.random(2, 50), 1 << 20);
        Files.writeString(data.resolve("_SUCCESS"), "");
        List<CatalogFile> files = new CatalogFiles(conf).discover(List.of(data.toUri().toString()));
        assertEquals(2, files.size(), files.toString());
        assertTrue(files.get(0).uri().endsWith("part-00000.parquet"));
    }
}
