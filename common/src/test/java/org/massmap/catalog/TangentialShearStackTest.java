package org.massmap.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.massmap.grid.SkyPoint;
import org.massmap.grid.TangentPlane;

/**
 * Stacked tangential shear on synthetic shear fields of known sign, built on the sphere with the
 * standard bearing formula (independent of the binner's frame kernel).
 */
class TangentialShearStackTest {
    static final double[] EDGES = {0.5, 1, 2, 4, 8, 15};
    /** SIS: γ_t(θ) = A / θ with θ in arcmin. */
    static final double A = 0.02;

    /**
     * Galaxies uniform in a disc of radius {@code radiusArcmin} about {@code lens}, weights in
     * [0.5, 2], each with the SIS shear of {@code lens} (sky convention) plus Gaussian noise of
     * std {@code sigmaE}, turned by {@code turnDeg} degrees (45: tangential becomes cross).
     */
    static GalaxyChunk sisField(SkyPoint lens, int n, double radiusArcmin, double sigmaE, double turnDeg, long seed) {
        Random rng = new Random(seed);
        TangentPlane plane = new TangentPlane(lens);
        GalaxyChunk out = new GalaxyChunk(n);
        double turn = Math.toRadians(2 * turnDeg);
        while (out.size() < n) {
            double r = Math.tan(Math.toRadians(radiusArcmin / 60)) * Math.sqrt(rng.nextDouble());
            double b = 2 * Math.PI * rng.nextDouble();
            SkyPoint g = plane.deproject(r * Math.sin(b), r * Math.cos(b));
            double theta = Math.toDegrees(g.separationRad(lens)) * 60;
            if (theta < 1e-6) {
                continue;
            }
            // orientation of the great circle to the lens in the galaxy's frame, from East towards North
            double alpha = Math.PI / 2 - bearing(g, lens);
            double gt = A / theta;
            double e1 = -gt * Math.cos(2 * alpha) + sigmaE * rng.nextGaussian(); // tangential: e = -gt exp(2i alpha)
            double e2 = -gt * Math.sin(2 * alpha) + sigmaE * rng.nextGaussian();
            out.add(g.raDeg(), g.decDeg(), e1 * Math.cos(turn) - e2 * Math.sin(turn), e1 * Math.sin(turn) + e2 * Math.cos(turn),
                    0.5 + 1.5 * rng.nextDouble());
        }
        return out;
    }

    /** Initial bearing from {@code from} to {@code to}, from North through East (radians). */
    static double bearing(SkyPoint from, SkyPoint to) {
        double d1 = Math.toRadians(from.decDeg());
        double d2 = Math.toRadians(to.decDeg());
        double dRa = Math.toRadians(to.raDeg() - from.raDeg());
        return Math.atan2(Math.sin(dRa) * Math.cos(d2), Math.cos(d1) * Math.sin(d2) - Math.sin(d1) * Math.cos(d2) * Math.cos(dRa));
    }

    static ShearProfile stack(SkyPoint lens, GalaxyChunk galaxies) {
        TangentialShearStack s = new TangentialShearStack(List.of(lens), EDGES);
        TangentialShearStack.Sums sums = s.newSums();
        s.accumulate(galaxies, sums);
        return s.profile(sums);
    }

    @ParameterizedTest
    @CsvSource({"150,2", "150,75", "359.95,-60", "20,89.9"})
    void sisGivesItsTangentialShearAndNoCrossShear(double ra, double dec) {
        SkyPoint lens = new SkyPoint(ra, dec);
        GalaxyChunk g = sisField(lens, 20_000, 16, 0, 0, 1);
        ShearProfile p = stack(lens, g);
        assertEquals(1, p.centresUsed());
        for (int b = 0; b < EDGES.length - 1; b++) {
            double sw = 0;
            double swg = 0;
            double swr = 0;
            for (int i = 0; i < g.size(); i++) {
                double theta = Math.toDegrees(new SkyPoint(g.ra()[i], g.dec()[i]).separationRad(lens)) * 60;
                if (theta >= EDGES[b] && theta < EDGES[b + 1]) {
                    sw += g.w()[i];
                    swg += g.w()[i] * A / theta;
                    swr += g.w()[i] * theta;
                }
            }
            ShearProfile.Bin bin = p.bins().get(b);
            assertEquals(sw, bin.weightSum(), 1e-9 * sw, "annulus " + b);
            assertEquals(swg / sw, bin.gammaT(), 1e-9 * swg / sw, "gamma_t of an SIS, annulus " + b + " at " + lens);
            assertEquals(0, bin.gammaX(), 1e-12, "gamma_x of an SIS, annulus " + b + " at " + lens);
            assertEquals(swr / sw, bin.meanRadiusArcmin(), 1e-6 * swr / sw);
            assertTrue(bin.gammaT() > 0);
        }
    }

    @ParameterizedTest
    @CsvSource({"150,2", "150,75"})
    void turningEveryEllipticityBy45DegreesMovesTangentialIntoCross(double ra, double dec) {
        SkyPoint lens = new SkyPoint(ra, dec);
        ShearProfile straight = stack(lens, sisField(lens, 5_000, 16, 0, 0, 2));
        ShearProfile turned = stack(lens, sisField(lens, 5_000, 16, 0, 45, 2));
        ShearProfile back = stack(lens, sisField(lens, 5_000, 16, 0, -45, 2));
        for (int b = 0; b < EDGES.length - 1; b++) {
            double gt = straight.bins().get(b).gammaT();
            assertEquals(0, turned.bins().get(b).gammaT(), 1e-12);
            assertEquals(gt, turned.bins().get(b).gammaX(), 1e-12 + 1e-9 * gt);
            assertEquals(-gt, back.bins().get(b).gammaX(), 1e-12 + 1e-9 * gt);
        }
    }

    @Test
    void errorsMatchTheScatterOfNoiseOnlyStacks() {
        List<SkyPoint> lenses = List.of(new SkyPoint(150, 2), new SkyPoint(150.6, 2), new SkyPoint(150, 2.6),
                new SkyPoint(150.6, 2.6), new SkyPoint(150.3, 2.3));
        TangentialShearStack stack = new TangentialShearStack(lenses, EDGES);
        int runs = 60;
        double[] gt = new double[runs];
        double noiseErr = 0;
        double jackErr = 0;
        for (int r = 0; r < runs; r++) {
            TangentialShearStack.Sums sums = stack.newSums();
            for (int k = 0; k < lenses.size(); k++) {
                stack.accumulate(sisField(lenses.get(k), 3_000, 16, 0.3, 0, 100L * r + k), sums);
            }
            ShearProfile.Bin total = stack.profile(sums).total();
            gt[r] = total.gammaT();
            noiseErr += total.shapeNoiseError() / runs;
            jackErr += total.jackknifeErrorT() / runs;
        }
        double mean = 0;
        for (double v : gt) {
            mean += v / runs;
        }
        double var = 0;
        for (double v : gt) {
            var += (v - mean) * (v - mean) / (runs - 1);
        }
        double scatter = Math.sqrt(var);
        assertEquals(scatter, noiseErr, 0.25 * scatter, "shape-noise error against the scatter over realisations");
        assertEquals(scatter, jackErr, 0.35 * scatter, "jackknife error against the scatter over realisations");
    }

    @Test
    void jackknifeEqualsLeavingEachCentreOutAndRestacking() {
        List<SkyPoint> lenses = List.of(new SkyPoint(150, 2), new SkyPoint(150.1, 2.05), new SkyPoint(149.95, 1.9),
                new SkyPoint(150.2, 2.2));
        GalaxyChunk g = sisField(new SkyPoint(150.05, 2.05), 20_000, 30, 0.3, 0, 5);
        ShearProfile all = stack(lenses, g);
        for (int b = 0; b <= EDGES.length - 1; b++) {
            double[] loo = new double[lenses.size()];
            double[] looX = new double[lenses.size()];
            for (int k = 0; k < lenses.size(); k++) {
                List<SkyPoint> rest = new ArrayList<>(lenses);
                rest.remove(k);
                ShearProfile p = stack(rest, g);
                ShearProfile.Bin bin = b < EDGES.length - 1 ? p.bins().get(b) : p.total();
                loo[k] = bin.gammaT();
                looX[k] = bin.gammaX();
            }
            ShearProfile.Bin bin = b < EDGES.length - 1 ? all.bins().get(b) : all.total();
            assertEquals(jackknife(loo), bin.jackknifeErrorT(), 1e-12);
            assertEquals(jackknife(looX), bin.jackknifeErrorX(), 1e-12);
        }
    }

    static ShearProfile stack(List<SkyPoint> lenses, GalaxyChunk g) {
        TangentialShearStack s = new TangentialShearStack(lenses, EDGES);
        TangentialShearStack.Sums sums = s.newSums();
        s.accumulate(g, sums);
        return s.profile(sums);
    }

    static double jackknife(double[] x) {
        double m = 0;
        for (double v : x) {
            m += v / x.length;
        }
        double ss = 0;
        for (double v : x) {
            ss += (v - m) * (v - m);
        }
        return Math.sqrt(ss * (x.length - 1) / x.length);
    }

    @Test
    void partialSumsMergeIntoTheWhole() {
        SkyPoint lens = new SkyPoint(10, -30);
        GalaxyChunk g = sisField(lens, 4_000, 16, 0.3, 0, 9);
        TangentialShearStack s = new TangentialShearStack(List.of(lens, new SkyPoint(10.1, -30)), EDGES);
        TangentialShearStack.Sums whole = s.newSums();
        s.accumulate(g, whole);
        Fixtures.Catalog c = new Fixtures.Catalog(java.util.Arrays.copyOf(g.ra(), g.size()), java.util.Arrays.copyOf(g.dec(), g.size()),
                java.util.Arrays.copyOf(g.e1(), g.size()), java.util.Arrays.copyOf(g.e2(), g.size()), java.util.Arrays.copyOf(g.w(), g.size()));
        TangentialShearStack.Sums a = s.newSums();
        TangentialShearStack.Sums b = s.newSums();
        s.accumulate(c.chunk(0, 1_500), a);
        s.accumulate(c.chunk(1_500, g.size()), b);
        a.merge(b);
        ShearProfile p = s.profile(whole);
        ShearProfile q = s.profile(a);
        assertEquals(p.total().pairs(), q.total().pairs());
        assertEquals(p.total().gammaT(), q.total().gammaT(), 1e-12);
        assertEquals(p.total().jackknifeErrorX(), q.total().jackknifeErrorX(), 1e-12);
    }

    @Test
    void galaxiesAcrossRaZeroAndOutsideTheAnnuliAreHandled() {
        SkyPoint lens = new SkyPoint(0.02, 0);
        GalaxyChunk g = sisField(lens, 2_000, 16, 0, 0, 3);
        long across = 0;
        for (int i = 0; i < g.size(); i++) {
            across += g.ra()[i] > 180 ? 1 : 0;
        }
        assertTrue(across > 100, "the field straddles RA = 0");
        ShearProfile p = stack(lens, g);
        assertEquals(0, p.total().gammaX(), 1e-12);
        long inside = 0;
        for (int i = 0; i < g.size(); i++) {
            double theta = Math.toDegrees(new SkyPoint(g.ra()[i], g.dec()[i]).separationRad(lens)) * 60;
            inside += theta >= EDGES[0] && theta < EDGES[EDGES.length - 1] ? 1 : 0;
        }
        assertEquals(inside, p.total().pairs());
        ShearProfile far = stack(new SkyPoint(180, 0), g);
        assertEquals(0, far.centresUsed());
        assertTrue(Double.isNaN(far.total().gammaT()));
    }

    @Test
    void badArgumentsAreRefusedWithTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TangentialShearStack(List.of(), EDGES));
        assertTrue(e.getMessage().contains("centre"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new TangentialShearStack(List.of(new SkyPoint(1, 1)), new double[] {1, 1, 2}));
        assertTrue(e.getMessage().contains("[1.0, 1.0, 2.0]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new TangentialShearStack(List.of(new SkyPoint(1, 1)), new double[] {-1, 2}));
        assertTrue(e.getMessage().contains("-1.0"), e.getMessage());
    }
}
