package org.massmap.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.massmap.grid.SkyPoint;
import org.massmap.grid.TangentPlane;

/** The binner's fused kernel against the reference TangentPlane.project and frameRotation. */
class TileFrameTest {

    @ParameterizedTest
    @CsvSource({"0.1,-70", "359.9,0", "150,2", "200,45", "30,89.5", "45,-89.9", "10,-30"})
    void matchesTangentPlaneProjectionAndFrameRotation(double raC, double decC) {
        SkyPoint centre = new SkyPoint(raC, decC);
        TangentPlane plane = new TangentPlane(centre);
        TileFrame frame = new TileFrame(centre);
        Random rng = new Random(17);
        double[] ref = new double[2];
        double[] got = new double[4];
        double[] viaTrig = new double[4];
        for (int k = 0; k < 2000; k++) {
            double c = Math.toRadians(k % 10 == 0 ? 60 : 5) * rng.nextDouble();
            double b = 2 * Math.PI * rng.nextDouble();
            SkyPoint g = plane.deproject(Math.tan(c) * Math.sin(b), Math.tan(c) * Math.cos(b));
            assertTrue(plane.project(g.raDeg(), g.decDeg(), ref));
            assertTrue(frame.map(g.raDeg(), g.decDeg(), got));
            assertEquals(ref[0], got[0], 1e-12);
            assertEquals(ref[1], got[1], 1e-12);
            double phi2 = 2 * plane.frameRotation(g.raDeg(), g.decDeg());
            assertEquals(Math.cos(phi2), got[2], 1e-9, "at " + g);
            assertEquals(Math.sin(phi2), got[3], 1e-9, "at " + g);
            double ra = Math.toRadians(g.raDeg());
            double dec = Math.toRadians(g.decDeg());
            assertTrue(frame.mapTrig(Math.sin(ra), Math.cos(ra), Math.sin(dec), Math.cos(dec), viaTrig));
            for (int j = 0; j < 4; j++) {
                assertEquals(got[j], viaTrig[j], j < 2 ? 1e-12 : 1e-9, "mapTrig at " + g);
            }
        }
        assertTrue(frame.map(raC, decC, got));
        assertEquals(0, got[0], 1e-12);
        assertEquals(0, got[1], 1e-12);
        assertEquals(1, got[2]);
        assertEquals(0, got[3]);
        SkyPoint antipode = new SkyPoint(raC + 180, -decC);
        assertFalse(frame.map(antipode.raDeg(), antipode.decDeg(), got));
    }
}
