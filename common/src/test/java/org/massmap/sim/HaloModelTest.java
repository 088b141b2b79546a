package org.massmap.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.massmap.grid.SkyPoint;
import org.massmap.grid.TileGrid;
import org.massmap.theory.Background;
import org.massmap.theory.CosmologyParams;
import org.massmap.theory.SourceDistribution;
import org.massmap.theory.TheorySettings;

class HaloModelTest {
    static final TheorySettings PLANE = TheorySettings.defaults(SourceDistribution.plane(1.0));
    static final HaloModel MODEL = new HaloModel(PLANE, HaloModelSpec.DEFAULT);

    @Test
    void aMassiveClusterHasTheNfwProfileOfItsCosmologyAndSourcePlane() {
        NfwProfile p = MODEL.profile(1e15, 0.3);
        // Duffy et al. 2008: c200 of 1e15 Msun/h at z = 0.3
        double c = 5.71 * Math.pow(5e2, -0.084) * Math.pow(1.3, -0.47);
        assertEquals(c, p.truncation(), 1e-12);
        // by hand: r200 from 200 ρ_crit(z), κ_s = ρ_s r_s D_l D_ls / (D_s c²/4πG) for the source plane
        Background bg = new Background(CosmologyParams.fiducial());
        double rhoCrit = 2.77536627e11 * Math.pow(bg.e(0.3), 2);
        double r200 = Math.cbrt(3e15 / (4 * Math.PI * 200 * rhoCrit));
        double rs = r200 / c;
        double rhoS = 200.0 / 3 * c * c * c / (Math.log(1 + c) - c / (1 + c)) * rhoCrit;
        double chiL = bg.comovingDistance(0.3);
        double chiS = bg.comovingDistance(1.0);
        double dl = chiL / 1.3;
        double sigmaCrit = 1.6625e18 * (chiS / 2) / (dl * (chiS - chiL) / 2);
        assertEquals(rs / dl, p.thetaSRad(), 1e-9 * p.thetaSRad());
        assertEquals(rhoS * rs / sigmaCrit, p.kappaS(), 2e-4 * p.kappaS()); // lensing weight interpolated in z
        // realistic: θ_s of a few arcmin, κ ≈ 0.1–0.4 at 1′ for sources at z = 1; lighter halos weaker
        double thetaSArcmin = p.thetaSRad() / TileGrid.ARCMIN;
        assertTrue(thetaSArcmin > 1.5 && thetaSArcmin < 4, "theta_s = " + thetaSArcmin);
        double k1 = p.kappa(TileGrid.ARCMIN);
        assertTrue(k1 > 0.05 && k1 < 0.4, "kappa(1') = " + k1);
        assertTrue(MODEL.profile(1e14, 0.3).kappa(TileGrid.ARCMIN) < k1);
    }

    @Test
    void aNarrowRedshiftDistributionLensesLikeItsPlane() {
        HaloModel narrow = new HaloModel(TheorySettings.defaults(SourceDistribution.gaussian(1.0, 0.005)), HaloModelSpec.DEFAULT);
        assertEquals(MODEL.profile(3e14, 0.4).kappaS(), narrow.profile(3e14, 0.4).kappaS(), 2e-3 * MODEL.profile(3e14, 0.4).kappaS());
        // halos behind the sources do not lens them
        assertEquals(0, MODEL.lensWeight(1.0), 1e-12);
    }

    @Test
    void haloCountsPerSquareDegree() {
        double n13 = MODEL.perDeg2Above(1e13);
        double n14 = MODEL.perDeg2Above(1e14);
        double n15 = MODEL.perDeg2Above(1e15);
        System.out.printf("halos per deg^2 (M200c, 0.05 < z < 1): > 1e13: %.1f, > 1e14: %.2f, > 1e15: %.4f%n", n13, n14, n15);
        // orders of magnitude of the cluster counts for sigma8 ≈ 0.8 (e.g. a few per deg^2 above 1e14 Msun/h to z = 1)
        assertTrue(n14 > 2 && n14 < 10, "n(>1e14) = " + n14);
        assertTrue(n13 > 20 * n14 && n15 < 0.01 * n14, "n(>1e13) = " + n13 + ", n(>1e15) = " + n15);
    }

    @Test
    void drawsFollowTheCellsOnTheSubPixelLattice() {
        TileGrid field = TileGrid.square(128, 1.0, new SkyPoint(10, -30));
        SplittableRandom rng = new SplittableRandom(1);
        int total = 0;
        int heavy = 0;
        int maps = 20;
        for (int m = 0; m < maps; m++) {
            List<Halo> halos = MODEL.draw(field, 0.5, rng);
            total += halos.size();
            double[] xy = new double[2];
            for (Halo h : halos) {
                heavy += h.m200() >= 1e14 ? 1 : 0;
                assertTrue(field.tangentPlane().project(h.position().raDeg(), h.position().decDeg(), xy));
                double x = field.xOf(xy[0]);
                // lattice: pixel + (o + 1/2)/2 − 1/2 for o = 0, 1, i.e. x + 1/4 is a multiple of 1/2
                assertEquals(0, Math.IEEEremainder(x + 0.25, 0.5), 1e-6, "x = " + x);
                assertTrue(x > -0.5 && x < field.nx() - 0.5);
            }
        }
        double area = field.areaDeg2() * maps;
        double expected = 0.5 * MODEL.perDeg2Above(0) * area;
        assertEquals(expected, total, 4 * Math.sqrt(expected));
        double expectedHeavy = 0.5 * MODEL.perDeg2Above(1e14 * Math.pow(10, -0.025)) * area;
        assertEquals(expectedHeavy, heavy, 4 * Math.sqrt(expectedHeavy));
    }
}
