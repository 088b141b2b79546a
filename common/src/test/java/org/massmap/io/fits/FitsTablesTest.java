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
import java.util.Map;
import java.util.Random;
import nom.tam.fits.BinaryTable;
import nom.tam.fits.Fits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massmap.io.MassmapIoException;
import org.massmap.io.SkyMap;

class FitsTablesTest {

    @TempDir
    Path dir;

    private static FitsTable candidates() {
        return new FitsTable("CANDIDATES", List.of(
                TableColumn.doubles("ra", "deg", 150.1, 150.2, 149.95),
                TableColumn.doubles("dec", "deg", 2.2, 2.25, Double.NaN),
                TableColumn.ints("ix", "pixel", 10, 40, 63),
                TableColumn.longs("id", null, 1L, 1L << 40, -5L),
                TableColumn.strings("label", "A1689", "", "long cluster name")),
                FitsKeywords.of(Map.of("THRESH", 0.05)));
    }

    @Test
    void multiTableRoundTripWithUnitsAndKeywords() throws Exception {
        FitsTable chains = FitsTable.of("CHAINS", TableColumn.ints("chain", null, 0, 1), TableColumn.doubles("accept", null, 0.71, 0.68));
        Path file = dir.resolve("tables.fits");
        FitsTables.write(file, FitsTestData.PROVENANCE, candidates(), chains);
        assertEquals(0, Files.size(file) % 2880);

        List<FitsTable> all = FitsTables.readAll(file);
        assertEquals(List.of("CANDIDATES", "CHAINS"), all.stream().map(FitsTable::name).toList());
        FitsTable t = all.get(0);
        assertEquals(List.of("ra", "dec", "ix", "id", "label"), t.names());
        assertEquals(3, t.rows());
        assertEquals(candidates().columns(), t.columns()); // names, units, values; NaN and empty string kept
        assertEquals("deg", t.column("RA").unit());
        assertNull(t.column("id").unit());
        assertEquals(0.05, t.keywords().number("THRESH").orElseThrow(), 0);
        assertEquals("1D", t.keywords().string("TFORM1").orElseThrow());
        assertEquals("17A", t.keywords().string("TFORM5").orElseThrow());
        assertEquals("deg", t.keywords().string("TUNIT1").orElseThrow());
        assertEquals(FitsTestData.PROVENANCE, Provenance.fromKeywords(t.keywords()));
        assertArrayEquals(new int[] {0, 1}, all.get(1).ints("chain"));

        FitsTable copy = new FitsTable("COPY", t.columns(), t.keywords().select("THRESH", "NOSUCHKEY"));
        FitsTables.write(dir.resolve("copy.fits"), FitsTestData.PROVENANCE, copy);
        assertEquals(0.05, FitsTables.read(dir.resolve("copy.fits")).keywords().number("THRESH").orElseThrow(), 0);
        assertThrows(IllegalArgumentException.class, () -> FitsTables.write(dir.resolve("bad.fits"), FitsTestData.PROVENANCE,
                new FitsTable("AGAIN", t.columns(), t.keywords())), "the full header read back repeats writer keywords");

        FitsTable selected = FitsTables.read(file, "candidates", "DEC", "label");
        assertEquals(List.of("dec", "label"), selected.names());
        assertArrayEquals(new double[] {10, 40, 63}, t.doubles("ix"));
        MassmapIoException e = assertThrows(MassmapIoException.class, () -> FitsTables.read(file, "CANDIDATES", "redshift"));
        assertTrue(e.getMessage().contains("redshift") && e.getMessage().contains("label"), e.getMessage());
    }

    @Test
    void chunkedCatalogEqualsOneShotTable() throws Exception {
        Random rng = new Random(8);
        int total = 10_000;
        double[] ra = new double[total];
        double[] dec = new double[total];
        double[] e1 = new double[total];
        double[] e2 = new double[total];
        double[] w = new double[total];
        for (int i = 0; i < total; i++) {
            ra[i] = 150 + rng.nextDouble();
            dec[i] = 2 + rng.nextDouble();
            e1[i] = 0.3 * rng.nextGaussian();
            e2[i] = 0.3 * rng.nextGaussian();
            w[i] = 1;
        }
        List<ColumnSpec> specs = List.of(ColumnSpec.doubles("ra", "deg"), ColumnSpec.doubles("dec", "deg"),
                ColumnSpec.doubles("e1", null), ColumnSpec.doubles("e2", null), ColumnSpec.doubles("w", null));
        Path file = dir.resolve("catalog.fits");
        try (FitsTableWriter writer = FitsTableWriter.open(file, FitsTestData.PROVENANCE, "CATALOG", specs, FitsKeywords.empty())) {
            for (int from = 0; from < total; from += 3001) { // uneven chunks
                int to = Math.min(total, from + 3001);
                writer.append(TableColumn.doubles("ra", "deg", java.util.Arrays.copyOfRange(ra, from, to)),
                        TableColumn.doubles("dec", "deg", java.util.Arrays.copyOfRange(dec, from, to)),
                        TableColumn.doubles("e1", null, java.util.Arrays.copyOfRange(e1, from, to)),
                        TableColumn.doubles("e2", null, java.util.Arrays.copyOfRange(e2, from, to)),
                        TableColumn.doubles("w", null, java.util.Arrays.copyOfRange(w, from, to)));
                assertFalse(Files.exists(file));
            }
            writer.commit();
        }
        FitsTable back = FitsTables.read(file, "CATALOG");
        assertEquals(total, back.rows());
        assertEquals((long) total, back.keywords().integer("NAXIS2").orElseThrow());
        assertArrayEquals(ra, back.doubles("ra"));
        assertArrayEquals(e2, back.doubles("e2"));
        assertArrayEquals(w, back.doubles("w"));
    }

    @Test
    void chunksMustMatchTheDeclaration() throws Exception {
        Path file = dir.resolve("bad.fits");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
            try (FitsTableWriter w = FitsTableWriter.open(file, FitsTestData.PROVENANCE, "T",
                    List.of(ColumnSpec.doubles("ra", "deg"), ColumnSpec.strings("name", 4)), FitsKeywords.empty())) {
                w.append(TableColumn.doubles("ra", "deg", 1), TableColumn.strings("name", "abcd"));
                w.append(TableColumn.doubles("ra", "deg", 1), TableColumn.strings("name", "abcde")); // too wide
                w.commit();
            }
        });
        assertTrue(e.getMessage().contains("declared 4 wide"), e.getMessage());
        assertFalse(Files.exists(file), "an aborted writer leaves nothing");
        assertEquals(0, Files.list(dir).count(), "and no temporary file either");
        assertThrows(IllegalArgumentException.class, () -> {
            try (FitsTableWriter w = FitsTableWriter.open(file, FitsTestData.PROVENANCE, "T", List.of(ColumnSpec.doubles("ra", "deg")),
                    FitsKeywords.empty())) {
                w.append(TableColumn.ints("ra", "deg", 1));
            }
        });
    }

    @Test
    void readsTablesWrittenByNomTamFits() throws Exception {
        Path file = dir.resolve("foreign.fits");
        try (Fits fits = new Fits()) {
            BinaryTable t = BinaryTable.fromColumnMajor(new Object[] {new float[] {1.5f, 2.5f}, new short[] {3, 4}, new String[] {"x", "yz"}});
            fits.addHDU(Fits.makeHDU(t));
            fits.getHDU(0).addValue("EXTNAME", "FOREIGN", "");
            fits.write(file.toFile());
        }
        FitsTable t = FitsTables.read(file);
        assertArrayEquals(new double[] {1.5, 2.5}, t.doubles(t.names().get(0)));
        assertArrayEquals(new int[] {3, 4}, t.ints(t.names().get(1)));
        assertArrayEquals(new String[] {"x", "yz"}, t.strings(t.names().get(2)));
    }

    @Test
    void truncatedMidTableAndNonTable() throws Exception {
        Path file = dir.resolve("cat.fits");
        double[] big = new double[2000];
        FitsTables.write(file, FitsTestData.PROVENANCE, FitsTable.of("CATALOG", TableColumn.doubles("ra", "deg", big),
                TableColumn.doubles("dec", "deg", big)));
        Path cut = FitsTestData.truncated(file, dir.resolve("cut.fits"), 2 * 2880 + 10_000);
        MassmapIoException e = assertThrows(MassmapIoException.class, () -> FitsTables.read(cut));
        assertTrue(e.getMessage().startsWith(cut.toString()) && e.getMessage().contains("HDU 1 'CATALOG' is truncated"), e.getMessage());

        // A corrupted row count (docs/building.md: nom-tam-fits then fails with a NullPointerException in getColumn).
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, java.nio.charset.StandardCharsets.US_ASCII);
        int card = text.indexOf("NAXIS2  =", 2880);
        byte[] garbage = String.format("NAXIS2  = %20d", 999_999_999L).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(garbage, 0, bytes, card, garbage.length);
        Path corrupt = Files.write(dir.resolve("corrupt.fits"), bytes);
        MassmapIoException c = assertThrows(MassmapIoException.class, () -> FitsTables.read(corrupt, "CATALOG", "ra"));
        assertTrue(c.getMessage().startsWith(corrupt.toString()) && c.getMessage().contains("truncated"), c.getMessage());

        Path map = dir.resolve("map.fits");
        FitsMaps.write(map, FitsTestData.PROVENANCE, SkyMap.of("KAPPA", FitsTestData.grid(4, 4), new double[16]));
        MassmapIoException notTable = assertThrows(MassmapIoException.class, () -> FitsTables.read(map));
        assertTrue(notTable.getMessage().contains("no binary table"), notTable.getMessage());
        MassmapIoException tableAsMap = assertThrows(MassmapIoException.class, () -> FitsMaps.read(file));
        assertTrue(tableAsMap.getMessage().contains("no image"), tableAsMap.getMessage());
    }
}
