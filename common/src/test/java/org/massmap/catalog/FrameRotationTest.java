package org.massmap.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.massmap.grid.SkyPoint;
import org.massmap.grid.TangentPlane;

/**
 * Checks the sign and size of {@link TangentPlane#frameRotation} (used by the binner to rotate
 * ellipticities into the tile frame) against an independent construction: the direction, on the
 * tangent plane, of the gnomonic image of a short step towards the galaxy's local North (and East).
 * The gnomonic projection is not conformal, so the two agree to O(c²) at a distance c from the
 * tile centre; a sign error would show up at O(c·tan Dec).
 */
class FrameRotationTest {

    /** Angle (radians, from ξ=East towards η=North at the tile centre) of the image of a small step. */
    private static double projectedAngle(TangentPlane plane, double ra, double dec, double dRa, double dDec) {
        double[] a = new double[2];
        double[] b = new double[2];
        assertTrue(plane.project(ra, dec, a));
        assertTrue(plane.project(ra + dRa, dec + dDec, b));
        return Math.atan2(b[1] - a[1], b[0] - a[0]);
    }

    private static double wrap(double a) {
        return Math.IEEEremainder(a, 2 * Math.PI);
    }

    @ParameterizedTest
    @CsvSource({"0.1,-70", "359.9,-70", "0.1,0", "150,2", "200,45", "30,80", "45,-89"})
    void frameRotationTurnsLocalNorthOntoItsProjectedImage(double raC, double decC) {
        TangentPlane plane = new TangentPlane(new SkyPoint(raC, decC));
        Random rng = new Random(7);
        double h = 1e-6;
        double maxAbsRotation = 0;
        for (int k = 0; k < 200; k++) {
            double c = Math.toRadians(2.0) * Math.sqrt(rng.nextDouble()); // up to 2 degrees from the centre
            double bearing = 2 * Math.PI * rng.nextDouble();
            SkyPoint g = plane.deproject(Math.tan(c) * Math.sin(bearing), Math.tan(c) * Math.cos(bearing));
            double cosDec = Math.cos(Math.toRadians(g.decDeg()));
            double north = projectedAngle(plane, g.raDeg(), g.decDeg(), 0, h) - Math.PI / 2;
            double east = projectedAngle(plane, g.raDeg(), g.decDeg(), h / cosDec, 0);
            double rot = plane.frameRotation(g.raDeg(), g.decDeg());
            double tol = 0.6 * c * c + 1e-6;
            assertEquals(0, wrap(rot - north), tol, "vs projected North at " + g);
            assertEquals(0, wrap(rot - east), tol, "vs projected East at " + g);
            maxAbsRotation = Math.max(maxAbsRotation, Math.abs(rot));
        }
        // The test only has teeth where the rotation is much larger than the tolerance.
        if (Math.abs(decC) > 40) {
            assertTrue(maxAbsRotation > 0.02, "rotation up to " + maxAbsRotation);
        }
    }

    @ParameterizedTest
    @CsvSource({"30,-70,-1", "30,70,1"})
    void galaxyEastOfCentreHasItsNorthTurnedTowardsThePoleOfItsHemisphere(double raC, double decC, int sign) {
        // South of the equator the meridians converge to the South pole, so a galaxy East of the centre
        // has its local North tilted towards East on the tile: a clockwise (negative) rotation; North of
        // the equator the opposite. Small-angle value: φ ≈ ΔRA·sin(Dec).
        TangentPlane plane = new TangentPlane(new SkyPoint(raC, decC));
        double dRa = 1.0;
        double rot = plane.frameRotation(raC + dRa, decC);
        assertEquals(sign, Math.signum(rot));
        assertEquals(Math.toRadians(dRa) * Math.sin(Math.toRadians(decC)), rot, 2e-4);
    }
}
