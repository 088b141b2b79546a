package org.massmap.spark.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.massmap.catalog.CatalogException;
import org.massmap.catalog.CatalogReader;
import org.massmap.catalog.ColumnMapping;
import org.massmap.catalog.Fixtures;
import org.massmap.catalog.GalaxyChunk;

/**
 * Small random catalogs written as FITS, CSV or Parquet, and a reader's galaxies as arrays, for any
 * spark-jobs test (the FITS writer is common's test-jar {@link Fixtures}).
 */
public final class TestCatalogs {
    public static final ColumnMapping COLS = ColumnMapping.defaults().withWeight("w");

    private TestCatalogs() {
    }

    /** Columns ra, dec, e1, e2, w of {@code n} galaxies near (150°, 2°); row 3 has a NaN e1. */
    public static double[][] random(long seed, int n) {
        Random rng = new Random(seed);
        double[][] c = new double[5][n];
        for (int i = 0; i < n; i++) {
            c[0][i] = 150 + (rng.nextDouble() - 0.5);
            c[1][i] = 2 + (rng.nextDouble() - 0.5);
            c[2][i] = 0.3 * rng.nextGaussian();
            c[3][i] = 0.3 * rng.nextGaussian();
            c[4][i] = 0.5 + rng.nextDouble();
        }
        if (n > 3) {
            c[2][3] = Double.NaN;
        }
        return c;
    }

    /** A FITS file: empty primary HDU, one binary table RA, DEC, E1, E2, W (common's {@link Fixtures} writer). */
    public static Path writeFits(Path file, double[][] c) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Fixtures.writeFits(file, new String[] {"RA", "DEC", "E1", "E2", "W"}, c[0], c[1], c[2], c[3], c[4]);
    }

    /** A Parquet file with DOUBLE columns ra, dec, e1, e2, w (row groups of about 1 MB). */
    public static Path writeParquet(Path file, double[][] c) throws IOException {
        org.apache.parquet.schema.MessageType schema = org.apache.parquet.schema.MessageTypeParser.parseMessageType(
                "message catalog { required double ra; required double dec; required double e1; required double e2; required double w; }");
        org.apache.parquet.example.data.simple.SimpleGroupFactory rows = new org.apache.parquet.example.data.simple.SimpleGroupFactory(schema);
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (org.apache.parquet.hadoop.ParquetWriter<org.apache.parquet.example.data.Group> w =
                org.apache.parquet.hadoop.example.ExampleParquetWriter.builder(new org.apache.hadoop.fs.Path(file.toUri()))
                        .withConf(new org.apache.hadoop.conf.Configuration()).withType(schema).withRowGroupSize(1 << 20).build()) {
            for (int i = 0; i < c[0].length; i++) {
                w.write(rows.newGroup().append("ra", c[0][i]).append("dec", c[1][i]).append("e1", c[2][i]).append("e2", c[3][i])
                        .append("w", c[4][i]));
            }
        }
        return file;
    }

    /** The same catalog as CSV text (header ra,dec,e1,e2,w). */
    public static byte[] csv(double[][] c) {
        StringBuilder s = new StringBuilder("ra,dec,e1,e2,w\n");
        for (int i = 0; i < c[0].length; i++) {
            s.append(c[0][i]).append(',').append(c[1][i]).append(',').append(c[2][i]).append(',').append(c[3][i])
                    .append(',').append(c[4][i]).append('\n');
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The catalog as {@link #csv} text, gzip-compressed if {@code gzip}; creates the parent directories. */
    public static Path writeCsv(Path file, double[][] c, boolean gzip) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
                out.write(csv(c));
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** All galaxies a reader hands out, as {ra, dec, e1, e2, w}; closes the reader. */
    public static double[][] readAll(CatalogReader reader) throws CatalogException {
        List<double[]> rows = new ArrayList<>();
        try (reader) {
            GalaxyChunk chunk = new GalaxyChunk(97);
            while (reader.next(chunk)) {
                for (int i = 0; i < chunk.size(); i++) {
                    rows.add(new double[] {chunk.ra()[i], chunk.dec()[i], chunk.e1()[i], chunk.e2()[i], chunk.w()[i]});
                }
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

    /** Concatenates galaxy arrays column by column. */
    public static double[][] concat(List<double[][]> parts) {
        int n = 0;
        for (double[][] p : parts) {
            n += p[0].length;
        }
        double[][] out = new double[5][n];
        int at = 0;
        for (double[][] p : parts) {
            for (int c = 0; c < 5; c++) {
                System.arraycopy(p[c], 0, out[c], at, p[c].length);
            }
            at += p[0].length;
        }
        return out;
    }
}
