package org.massmap.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.massmap.grid.SkyPoint;
import org.massmap.grid.TileGrid;
import org.massmap.theory.CosmologyParams;

class HaloPopulationTest {

    @Test
    void aMassiveClusterHasARealisticLensingProfile() {
        HaloPopulation pop = new HaloPopulation(CosmologyParams.fiducial(), new HaloSpec(1, 1e14, 1e15, 2, 0.3), 1.0);
        NfwProfile p = pop.profile(1e15);
        // Duffy et al. 2008: c200 of 1e15 Msun/h at z=0.3 is about 3.1
        assertEquals(5.71 * Math.pow(5e2, -0.084) * Math.pow(1.3, -0.47), p.truncation(), 1e-12);
        double thetaSArcmin = p.thetaSRad() / TileGrid.ARCMIN;
        // r200 of a 1e15 Msun/h cluster is ~1.6 Mpc/h (physical); r_s ~ 0.5 Mpc/h at D_l ~ 640 Mpc/h -> ~2.7 arcmin
        assertTrue(thetaSArcmin > 1.5 && thetaSArcmin < 4, "theta_s = " + thetaSArcmin);
        // its convergence at 1 arcmin is of order 0.1-0.3 for sources at z=1
        double k1 = p.kappa(TileGrid.ARCMIN);
        assertTrue(k1 > 0.05 && k1 < 0.4, "kappa(1') = " + k1);
        // lighter halos are smaller and weaker
        assertTrue(pop.profile(1e14).kappa(TileGrid.ARCMIN) < k1);
    }

    @Test
    void countsAndMassesFollowTheSpec() {
        HaloPopulation pop = new HaloPopulation(CosmologyParams.fiducial(), new HaloSpec(50, 1e14, 1e15, 2, 0.3), 1.0);
        TileGrid field = TileGrid.square(200, 1.0, new SkyPoint(10, -30));
        var halos = pop.draw(field, new SplittableRandom(1));
        double expected = 50 * field.areaDeg2();
        assertEquals(expected, halos.size(), 4 * Math.sqrt(expected));
        for (Halo h : halos) {
            assertTrue(h.m200() >= 1e14 && h.m200() <= 1e15);
        }
        // median of p(M) ~ M^-2 on [1e14, 1e15] is 1/(0.5*(1e-14+1e-15)) = 1.818e14
        double[] m = halos.stream().mapToDouble(Halo::m200).sorted().toArray();
        assertEquals(1.818e14, m[m.length / 2], 0.3e14);
    }
}
