package org.massmap.healpix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.massmap.grid.SkyPoint;

class HealpixTest {

    /** Rows of a CSV test resource, comments dropped. */
    private static List<String[]> resource(String name) throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                Objects.requireNonNull(HealpixTest.class.getResourceAsStream(name), name), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    rows.add(line.split(","));
                }
            }
        }
        return rows;
    }

    @Test
    void pixelIndicesMatchHealpy() throws IOException {
        List<String[]> rows = resource("healpy_ang2pix.csv"); // computed with healpy 1.16.1, see the file header
        assertTrue(rows.size() > 400);
        for (String[] r : rows) {
            Healpix hp = new Healpix(Long.parseLong(r[0]));
            double ra = Double.parseDouble(r[1]);
            double dec = Double.parseDouble(r[2]);
            String where = "nside " + r[0] + " at (" + r[1] + ", " + r[2] + ")";
            assertPixel(hp, HealpixOrdering.RING, ra, dec, Long.parseLong(r[3]), where);
            assertPixel(hp, HealpixOrdering.NESTED, ra, dec, Long.parseLong(r[4]), where);
        }
    }

    /**
     * The pixel must be healpy's, except for points on a pixel boundary (such as RA 0, Dec 0), where healpy's
     * conversion of Dec to z = cos(π/2 − Dec) rounds differently from sin(Dec): there healpy's pixel must be
     * one nanodegree away.
     */
    private static void assertPixel(Healpix hp, HealpixOrdering o, double ra, double dec, long expected, String where) {
        long p = hp.pixel(o, ra, dec);
        if (p == expected) {
            return;
        }
        double eps = 1e-9;
        for (int dx = -1; dx <= 1; dx++) {
            for (int dy = -1; dy <= 1; dy++) {
                if (hp.pixel(o, ra + dx * eps, Math.max(-90, Math.min(90, dec + dy * eps))) == expected) {
                    return;
                }
            }
        }
        assertEquals(expected, p, o + " " + where);
    }

    @Test
    void pixelCentresMatchHealpy() throws IOException {
        List<String[]> rows = resource("healpy_pix2ang.csv");
        assertTrue(rows.size() > 250);
        for (String[] r : rows) {
            Healpix hp = new Healpix(Long.parseLong(r[0]));
            HealpixOrdering ordering = HealpixOrdering.valueOf(r[1]);
            SkyPoint c = hp.centre(ordering, Long.parseLong(r[2]));
            SkyPoint expected = new SkyPoint(Double.parseDouble(r[3]), Double.parseDouble(r[4]));
            assertTrue(Math.toDegrees(c.separationRad(expected)) < 1e-9,
                    () -> "nside " + r[0] + " " + r[1] + " pixel " + r[2] + ": " + c + " vs healpy " + expected);
        }
    }

    @Test
    void baseResolutionCentresAreThePapersTwelveBasePixels() {
        // Górski et al. 2005, Fig. 3: at nside 1 the polar base pixels are centred at z = ±2/3, phi = 45° + k·90°,
        // the equatorial ones at z = 0, phi = k·90°.
        Healpix hp = new Healpix(1);
        double capDec = Math.toDegrees(Math.asin(2.0 / 3));
        for (int k = 0; k < 4; k++) {
            assertCentre(hp.centre(HealpixOrdering.RING, k), 45 + 90 * k, capDec);
            assertCentre(hp.centre(HealpixOrdering.RING, 4 + k), 90 * k, 0);
            assertCentre(hp.centre(HealpixOrdering.RING, 8 + k), 45 + 90 * k, -capDec);
            assertEquals(k, hp.ringToNested(k)); // at nside 1 both orders coincide
        }
    }

    private static void assertCentre(SkyPoint c, double ra, double dec) {
        assertTrue(Math.toDegrees(c.separationRad(new SkyPoint(ra, dec))) < 1e-12, () -> c + " vs (" + ra + ", " + dec + ")");
    }

    @Test
    void everyPixelCentreMapsBackToItsPixelAndTheOrdersArePermutations() {
        for (long nside : new long[] {1, 2, 4, 8, 16, 32}) {
            Healpix hp = new Healpix(nside);
            boolean[] seen = new boolean[(int) hp.pixelCount()];
            double[] c = new double[2];
            for (long p = 0; p < hp.pixelCount(); p++) {
                for (HealpixOrdering o : HealpixOrdering.values()) {
                    hp.centre(o, p, c);
                    assertEquals(p, hp.pixel(o, c[0], c[1]), "nside " + nside + " " + o + " pixel " + p);
                }
                long n = hp.ringToNested(p);
                assertEquals(p, hp.nestedToRing(n));
                assertTrue(!seen[(int) n], "ringToNested is not one-to-one");
                seen[(int) n] = true;
            }
        }
    }

    @Test
    void ringsListTheirPixelsInOrder() {
        Healpix hp = new Healpix(8);
        long total = 0;
        double previousDec = 90;
        double[] c = new double[2];
        for (long i = 1; i <= hp.ringCount(); i++) {
            Healpix.Ring ring = hp.ring(i);
            assertEquals(total, ring.firstPixel());
            assertTrue(ring.decDeg() < previousDec);
            assertEquals(i, hp.ringCoordinate(ring.decDeg()), 1e-9);
            for (long k = 0; k < ring.pixels(); k++) {
                hp.centre(HealpixOrdering.RING, ring.firstPixel() + k, c);
                assertEquals(ring.decDeg(), c[1], 1e-12);
                assertEquals(ring.firstRaDeg() + k * ring.stepRaDeg(), c[0], 1e-9);
            }
            total += ring.pixels();
            previousDec = ring.decDeg();
        }
        assertEquals(hp.pixelCount(), total);
        assertEquals(0, hp.ringCoordinate(90), 0);
        assertEquals(32, hp.ringCoordinate(-90), 1e-12);
    }

    @Test
    void pixelsHaveEqualAreas() {
        // Independent of the formulas above: points uniform on the sphere fill the 48 pixels of nside 2 equally.
        Healpix hp = new Healpix(2);
        int points = 480_000;
        long[] counts = new long[48];
        SplittableRandom rng = new SplittableRandom(7);
        for (int i = 0; i < points; i++) {
            double ra = rng.nextDouble(360);
            double dec = Math.toDegrees(Math.asin(rng.nextDouble(-1, 1)));
            counts[(int) hp.pixel(HealpixOrdering.NESTED, ra, dec)]++;
        }
        double expected = points / 48.0;
        double chi2 = 0;
        for (long n : counts) {
            chi2 += (n - expected) * (n - expected) / expected;
        }
        assertTrue(chi2 < 90, "chi2 = " + chi2 + " for 47 degrees of freedom"); // p ≈ 1e-4
    }

    @Test
    void resolutionAndErrors() {
        Healpix hp = Healpix.ofResolution(0.5);
        assertEquals(8192, hp.nside());
        assertTrue(hp.pixelSideArcmin() <= 0.5 && hp.pixelSideArcmin() > 0.25);
        assertEquals(12L * 8192 * 8192, hp.pixelCount());
        Healpix odd = new Healpix(3);
        assertEquals(108, odd.pixelCount());
        assertEquals(5L, odd.pixel(HealpixOrdering.RING, odd.centre(HealpixOrdering.RING, 5).raDeg(), odd.centre(HealpixOrdering.RING, 5).decDeg()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> odd.pixel(HealpixOrdering.NESTED, 0, 0));
        assertTrue(e.getMessage().contains("power of 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> hp.centre(HealpixOrdering.RING, hp.pixelCount()));
        assertThrows(IllegalArgumentException.class, () -> hp.pixel(HealpixOrdering.RING, 0, 91));
        assertThrows(IllegalArgumentException.class, () -> new Healpix(0));
    }
}
