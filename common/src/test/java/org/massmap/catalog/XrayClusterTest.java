package org.massmap.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massmap.io.MassmapIoException;

/** Reading the COSMOS X-ray cluster table shipped in data/cosmos/, and bad tables. */
class XrayClusterTest {
    static final Path TABLE = Path.of("..", "data", "cosmos", "xray_clusters_finoguenov2006.txt");

    @TempDir
    Path dir;

    @Test
    void readsTheShippedTable() throws Exception {
        List<XrayCluster> c = XrayCluster.readTable(TABLE);
        assertEquals(72, c.size());
        // first and last data lines of the file
        assertEquals("3", c.get(0).id());
        assertEquals(150.80244, c.get(0).position().raDeg(), 1e-12);
        assertEquals(1.98985, c.get(0).position().decDeg(), 1e-12);
        assertEquals(0.25, c.get(0).redshift(), 0);
        for (XrayCluster x : c) {
            assertTrue(x.redshift() > 0.05 && x.redshift() < 1.5, x.toString());
            assertTrue(x.position().raDeg() > 149.3 && x.position().raDeg() < 150.9, x.toString());
            assertTrue(x.position().decDeg() > 1.4 && x.position().decDeg() < 3.0, x.toString());
        }
        assertEquals("X-ray 3 (z = 0.25)", c.get(0).asKnown().name());
        assertEquals(72, XrayCluster.positions(c).size());
    }

    @Test
    void badTablesNameTheFileAndLine() throws Exception {
        Path shortLine = Files.writeString(dir.resolve("short.txt"), "# ID RA DEC\n1 150.1 2.2 0.5 0.3\n");
        MassmapIoException e = assertThrows(MassmapIoException.class, () -> XrayCluster.readTable(shortLine));
        assertTrue(e.getMessage().contains("short.txt") && e.getMessage().contains("line 2")
                && e.getMessage().contains("column 7"), e.getMessage());
        Path badZ = Files.writeString(dir.resolve("badz.txt"), "1 150.1 2.2 1 1 1 z=0.3\n");
        e = assertThrows(MassmapIoException.class, () -> XrayCluster.readTable(badZ));
        assertTrue(e.getMessage().contains("badz.txt") && e.getMessage().contains("line 1"), e.getMessage());
        Path badDec = Files.writeString(dir.resolve("baddec.txt"), "1 150.1 95 1 1 1 0.3\n");
        e = assertThrows(MassmapIoException.class, () -> XrayCluster.readTable(badDec));
        assertTrue(e.getMessage().contains("Dec must lie in [-90, 90]"), e.getMessage());
        Path none = Files.writeString(dir.resolve("none.txt"), "# only a header\n\n");
        e = assertThrows(MassmapIoException.class, () -> XrayCluster.readTable(none));
        assertTrue(e.getMessage().contains("none.txt") && e.getMessage().contains("no cluster"), e.getMessage());
        e = assertThrows(MassmapIoException.class, () -> XrayCluster.readTable(dir.resolve("missing.txt")));
        assertTrue(e.getMessage().contains("missing.txt"), e.getMessage());
    }
}
