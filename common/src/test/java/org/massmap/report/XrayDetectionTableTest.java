package org.massmap.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.massmap.catalog.XrayCluster;
import org.massmap.grid.SkyPoint;
import org.massmap.grid.TileGrid;
import org.massmap.io.fits.FitsTable;
import org.massmap.stats.ClusterCandidate;

/** Known clusters against posterior frequency maps and candidates: pixel lookup, observed flag, nearest candidate. */
class XrayDetectionTableTest {
    static final TileGrid GRID = TileGrid.square(20, 1.0, new SkyPoint(150, 2));

    /** The sky position of continuous pixel (x, y). */
    static SkyPoint at(double x, double y) {
        return GRID.tangentPlane().deproject(GRID.xiOf(x), GRID.etaOf(y));
    }

    static ClusterCandidate candidate(int x, int y, double frequency) {
        SkyPoint p = GRID.pixelCentre(x, y);
        return new ClusterCandidate(p.raDeg(), p.decDeg(), x, y, frequency, 0.01, 3);
    }

    @Test
    void frequencyAtTheClusterPixelAndTheNearestCandidate() {
        boolean[] mask = new boolean[GRID.size()];
        Arrays.fill(mask, true);
        mask[15 * 20 + 15] = false; // one unobserved pixel
        double[] freqA = new double[GRID.size()];
        double[] freqB = new double[GRID.size()];
        for (int i = 0; i < freqA.length; i++) {
            freqA[i] = (i % 20) / 100.0; // depends on the column: identifies the pixel read
            freqB[i] = (i / 20) / 100.0; // on the row
        }
        List<XrayCluster> clusters = List.of(
                new XrayCluster("on", at(4.2, 7.8), 0.3),        // pixel (4, 8)
                new XrayCluster("hole", at(15, 15), 0.5),        // unobserved pixel
                new XrayCluster("off", at(40, 5), 0.7));         // off the tile
        ClusterCandidate near = candidate(6, 8, 0.9);
        ClusterCandidate far = candidate(18, 1, 0.4);
        XrayDetectionTable t = XrayDetectionTable.of(GRID, mask, clusters, List.of(
                new XrayDetectionTable.Posterior("a", freqA, List.of(far, near)),
                new XrayDetectionTable.Posterior("b", freqB, List.of())));

        XrayDetectionTable.Row on = t.rows().get(0);
        assertTrue(on.observed());
        assertEquals(4.2, on.x(), 1e-9);
        assertEquals(7.8, on.y(), 1e-9);
        assertEquals(0.04, on.detections().get(0).frequency(), 1e-12, "column 4 of posterior a");
        assertEquals(0.08, on.detections().get(1).frequency(), 1e-12, "row 8 of posterior b");
        assertSame(near, on.detections().get(0).nearest());
        double expected = Math.toDegrees(clusters.get(0).position().separationRad(GRID.pixelCentre(6, 8))) * 60;
        assertEquals(expected, on.detections().get(0).nearestArcmin(), 1e-9);
        assertEquals(Math.hypot(1.8, 0.2), on.detections().get(0).nearestArcmin(), 0.005, "(1.8, 0.2) pixels of 1 arcmin");
        assertNull(on.detections().get(1).nearest(), "posterior b has no candidates");
        assertTrue(Double.isNaN(on.detections().get(1).nearestArcmin()));

        XrayDetectionTable.Row hole = t.rows().get(1);
        assertFalse(hole.observed());
        assertTrue(Double.isNaN(hole.detections().get(0).frequency()), "no frequency on an unobserved pixel");
        XrayDetectionTable.Row off = t.rows().get(2);
        assertFalse(off.observed());
        assertTrue(Double.isNaN(off.detections().get(0).frequency()));

        assertEquals(1, t.observed());
        assertEquals(1, t.detected(1, 0.05));
        assertEquals(0, t.detected(0, 0.05));
    }

    @Test
    void markdownListsObservedClustersMostFrequentFirstAndCsvAndFitsListAll() {
        boolean[] mask = new boolean[GRID.size()];
        Arrays.fill(mask, true);
        double[] freq = new double[GRID.size()];
        freq[GRID.pixelIndex(3, 3)] = 0.2;
        freq[GRID.pixelIndex(10, 10)] = 0.9;
        List<XrayCluster> clusters = List.of(new XrayCluster("low", at(3, 3), 0.25), new XrayCluster("high", at(10, 10), 0.75),
                new XrayCluster("off", at(-30, 3), 1.0));
        XrayDetectionTable t = XrayDetectionTable.of(GRID, mask, clusters,
                List.of(new XrayDetectionTable.Posterior("hybrid", freq, List.of(candidate(10, 11, 0.9)))));
        String md = t.markdown();
        assertTrue(md.indexOf("| high |") > 0 && md.indexOf("| high |") < md.indexOf("| low |"), md);
        assertFalse(md.contains("| off |"), "unobserved clusters are not in the markdown table: " + md);
        assertTrue(md.contains("| 0.90 | 1.0′ (0.90) |"), md);

        String[] lines = t.csv().split("\n");
        assertEquals(4, lines.length, "header and every cluster");
        assertTrue(lines[0].startsWith("id,ra_deg,dec_deg,z,x,y,observed,frequency_hybrid,"), lines[0]);
        assertTrue(lines[3].startsWith("off,") && lines[3].contains(",0,NaN,"), lines[3]);

        FitsTable fits = t.fitsTable();
        assertEquals("XRAY_CLUSTERS", fits.name());
        assertEquals(3, fits.rows());
        assertEquals(0.9, fits.doubles("frequency_hybrid")[1], 1e-12);
        assertEquals(0.75, fits.doubles("z")[1], 1e-12);
        assertEquals(1, fits.ints("observed")[0]);
        assertEquals(0, fits.ints("observed")[2]);
    }
}
