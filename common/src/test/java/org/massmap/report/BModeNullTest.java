package org.massmap.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.massmap.catalog.XrayCluster;
import org.massmap.grid.SkyPoint;
import org.massmap.grid.TileGrid;

/** Known answers of the B-mode null statistics. */
class BModeNullTest {
    @Test
    void rmsInsideTheMaskAndMeansAtTheObservedClusters() {
        TileGrid grid = TileGrid.square(10, 1.0, new SkyPoint(30, -5));
        boolean[] mask = new boolean[grid.size()];
        Arrays.fill(mask, true);
        double[] e = new double[grid.size()];
        double[] b = new double[grid.size()];
        Arrays.fill(e, 0.02);
        Arrays.fill(b, -0.01);
        mask[0] = false;
        e[0] = 100; // unobserved: ignored
        e[grid.pixelIndex(2, 3)] = 0.05;
        b[grid.pixelIndex(6, 7)] = 0.03;
        List<XrayCluster> clusters = List.of(new XrayCluster("a", grid.pixelCentre(2, 3), 0.1),
                new XrayCluster("b", grid.pixelCentre(6, 7), 0.2), new XrayCluster("hole", grid.pixelCentre(0, 0), 0.3));
        XrayDetectionTable t = XrayDetectionTable.of(grid, mask, clusters,
                List.of(new XrayDetectionTable.Posterior("p", new double[grid.size()], List.of())));
        BModeNull n = BModeNull.of(grid, mask, e, b, t.rows());
        assertEquals(2, n.clusters(), "the cluster on the unobserved pixel is left out");
        assertEquals(Math.sqrt((98 * 0.02 * 0.02 + 0.05 * 0.05) / 99), n.rmsE(), 1e-12);
        assertEquals(Math.sqrt((98 * 0.01 * 0.01 + 0.03 * 0.03) / 99), n.rmsB(), 1e-12);
        assertEquals((0.05 + 0.02) / 2, n.meanE(), 1e-12);
        assertEquals((-0.01 + 0.03) / 2, n.meanB(), 1e-12);
        assertEquals(n.meanB() / (n.rmsB() / Math.sqrt(2)), n.significanceB(), 1e-12);
    }
}
