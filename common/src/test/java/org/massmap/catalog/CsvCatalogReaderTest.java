package org.massmap.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massmap.grid.SkyPoint;

class CsvCatalogReaderTest {

    @TempDir
    Path dir;

    private static double[][] read(Path f, ColumnMapping cols) throws CatalogException {
        try (CatalogReader r = Catalogs.open(f, cols)) {
            return FitsCatalogReaderTest.readAll(r, 2);
        }
    }

    @Test
    void readsCommentsHeaderAndRowsWithColumnsInAnyOrder() throws Exception {
        Path f = Files.writeString(dir.resolve("cat.csv"), """
                # a comment before the header

                id, "E2", Dec ,RA,e1,weight
                1,"0.2",-10,359.5,0.1,2
                  # a comment between rows
                2,-0.4,-11,0.5,0.3,0.5
                """);
        double[][] got = read(f, ColumnMapping.defaults().withWeight("WEIGHT"));
        assertArrayEquals(new double[] {359.5, 0.5}, got[0]);
        assertArrayEquals(new double[] {-10, -11}, got[1]);
        assertArrayEquals(new double[] {0.1, 0.3}, got[2]);
        assertArrayEquals(new double[] {0.2, -0.4}, got[3]);
        assertArrayEquals(new double[] {2, 0.5}, got[4]);
    }

    @Test
    void quotedFieldsFollowRfc4180() throws Exception {
        Path f = Files.writeString(dir.resolve("quoted.csv"), """
                id,name,ra,dec,e1,e2
                1,"Abell 2218, core",150.1,2.2,0.01,0.02
                2,"a ""nick"" name",150.2,2.3,0.03,0.04
                3,plain,150.3,2.4,0.05,0.06
                """);
        double[][] got = read(f, ColumnMapping.defaults());
        assertArrayEquals(new double[] {150.1, 150.2, 150.3}, got[0]);
        assertArrayEquals(new double[] {0.02, 0.04, 0.06}, got[3]);
        Path tab = Files.writeString(dir.resolve("quoted.tsv"), "name\tra\tdec\te1\te2\n\"tab\there\"\t1\t2\t0.1\t0.2\n");
        assertArrayEquals(new double[] {1}, read(tab, ColumnMapping.defaults())[0]);
        Path open = Files.writeString(dir.resolve("open.csv"), "name,ra,dec,e1,e2\n\"unterminated,1,2,0.1,0.2\n");
        CatalogException e = assertThrows(CatalogException.class, () -> read(open, ColumnMapping.defaults()));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("quote"), e.getMessage());
    }

    @Test
    void whitespaceAndTabSeparatedTablesAndGzip() throws Exception {
        Path ws = Files.writeString(dir.resolve("cat.txt"), "ra dec  e1 e2\n 1  2 0.1   0.2\n3 4 0.3 0.4\n");
        assertArrayEquals(new double[] {1, 3}, read(ws, ColumnMapping.defaults())[0]);
        Path tab = Files.writeString(dir.resolve("cat.tsv"), "ra\tdec\te1\te2\n1\t2\t0.1\t0.2\n");
        assertArrayEquals(new double[] {0.2}, read(tab, ColumnMapping.defaults())[3]);
        Path gz = dir.resolve("cat.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write("ra,dec,e1,e2\n7,8,0.1,0.2\n".getBytes(StandardCharsets.UTF_8));
        }
        assertArrayEquals(new double[] {7}, read(gz, ColumnMapping.defaults())[0]);
    }

    @Test
    void nonFiniteAndEmptyFieldsDropTheRowAndAreCounted() throws Exception {
        Path f = Files.writeString(dir.resolve("nan.csv"), """
                ra,dec,e1,e2,w,other
                1,1,0.1,0.1,1,x
                2,2,nan,0.1,1,x
                3,3,0.1,,1,x
                4,4,0.1,0.1,inf,x
                5,5,0.1,-Infinity,1,x
                6,6,0.1,0.1,0,x
                7,7,NaN,0.1,1,x
                8,8,0.1,0.1,1,
                """);
        try (CatalogReader r = Catalogs.open(f, ColumnMapping.defaults().withWeight("w"))) {
            double[][] got = FitsCatalogReaderTest.readAll(r, 3);
            assertArrayEquals(new double[] {1, 8}, got[0]);
            assertEquals(new ReadStats(f.toString(), 8, 2, 5, 1), r.stats());
        }
    }

    @Test
    void errorsNameTheFileLineAndColumn() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.csv"), "ra,dec,e1,e2\n1,2,0.1,0.2\n1,2,abc,0.2\n");
        CatalogException e = assertThrows(CatalogException.class, () -> read(bad, ColumnMapping.defaults()));
        assertEquals(bad.toString(), e.file());
        assertTrue(e.getMessage().contains("line 3, column 'e1': 'abc' is not a number"), e.getMessage());

        Path ragged = Files.writeString(dir.resolve("ragged.csv"), "ra,dec,e1,e2\n1,2,0.1\n");
        e = assertThrows(CatalogException.class, () -> read(ragged, ColumnMapping.defaults()));
        assertTrue(e.getMessage().contains("line 2 has 3 fields but the header names 4"), e.getMessage());

        Path cols = Files.writeString(dir.resolve("cols.csv"), "RA,DEC,G1,G2\n1,2,0.1,0.2\n");
        e = assertThrows(CatalogException.class, () -> read(cols, ColumnMapping.defaults()));
        assertTrue(e.getMessage().contains("'e1', 'e2' not found") && e.getMessage().contains("available columns: RA, DEC, G1, G2"),
                e.getMessage());

        Path headerOnly = Files.writeString(dir.resolve("header.csv"), "# nothing\nra,dec,e1,e2\n# still nothing\n");
        e = assertThrows(CatalogException.class, () -> read(headerOnly, ColumnMapping.defaults()));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());

        Path blank = Files.writeString(dir.resolve("blank.csv"), "# only a comment\n");
        e = assertThrows(CatalogException.class, () -> read(blank, ColumnMapping.defaults()));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());

        Path badDec = Files.writeString(dir.resolve("dec.csv"), "ra,dec,e1,e2\n1,95,0.1,0.2\n");
        e = assertThrows(CatalogException.class, () -> read(badDec, ColumnMapping.defaults()));
        assertTrue(e.getMessage().contains("Dec = 95.0"), e.getMessage());
    }

    @Test
    void formatIsDetectedFromContentThenName() throws IOException, CatalogException {
        Fixtures.Catalog cat = Fixtures.random(1, 3, new SkyPoint(1, 1), 1, 0.3, true);
        Path fitsNamedCsv = Fixtures.writeFits(dir.resolve("really-fits.csv"), cat);
        assertEquals(CatalogFormat.FITS, CatalogFormat.detect(fitsNamedCsv));
        Path csv = Fixtures.writeCsv(dir.resolve("cat.dat"), cat);
        assertEquals(CatalogFormat.CSV, CatalogFormat.detect(csv));
        Path binary = Files.write(dir.resolve("blob.bin"), new byte[] {0, 1, 2, 3, (byte) 200});
        CatalogException e = assertThrows(CatalogException.class, () -> CatalogFormat.detect(binary));
        assertTrue(e.getMessage().contains("neither a FITS file"), e.getMessage());
        Path fitsGz = dir.resolve("cat.fits.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(fitsGz))) {
            out.write(Files.readAllBytes(fitsNamedCsv));
        }
        e = assertThrows(CatalogException.class, () -> CatalogFormat.detect(fitsGz));
        assertTrue(e.getMessage().contains("gunzip"), e.getMessage());
        e = assertThrows(CatalogException.class, () -> CatalogFormat.detect(dir.resolve("missing.csv")));
        assertTrue(e.getMessage().contains("no such catalog file"), e.getMessage());
    }
}
