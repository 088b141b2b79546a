package org.massmap.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.massmap.catalog.BinnedShear;
import org.massmap.catalog.CatalogException;
import org.massmap.catalog.EllipticityConvention;
import org.massmap.catalog.GalaxyChunk;
import org.massmap.grid.SkyPoint;
import org.massmap.grid.TangentPlane;
import org.massmap.grid.TileGrid;
import org.massmap.lensing.KaiserSquires;
import org.massmap.prior.GaussianFieldGenerator;
import org.massmap.prior.PowerMap;

/**
 * E/B band powers on a synthetic pure E-mode shear field: E above the noise and B at it in the sky
 * convention, E and B mixed by a reflected convention, and all of it in B after e → i·e; and the
 * mask leakage that {@link EbModePower#pureE} measures.
 */
class EbModePowerTest {
    static final int N = 64;
    static final TileGrid GRID = TileGrid.square(N, 1.0, new SkyPoint(150, 60));
    static final int BANDS = 6;
    static final int PER_PIXEL = 16;
    /**
     * C_ℓ ∝ ℓ^-1.5: the low-ℓ E power stands well above σ_e = 0.3 with 16 galaxies a pixel, while the
     * shear variance (≈ 10⁻³) stays small against σ_e², as the rotated-catalog noise reference needs.
     */
    static final PowerMap POWER = PowerMap.fromCl(GRID, ell -> 1e-9 * Math.pow(ell / 1000, -1.5));

    static GalaxyChunk catalog;
    static ConventionCheck check;
    static List<BinnedShear> noise;

    /**
     * Sixteen galaxies in each pixel, at its centre, each with the pixel's shear of one Gaussian κ_E
     * draw (turned from the grid frame into the galaxy's sky frame, the binner's inverse) plus
     * Gaussian noise of 0.3 per component.
     */
    @BeforeAll
    static void catalog() throws CatalogException {
        SplittableRandom rng = new SplittableRandom(11);
        double[] kappa = new GaussianFieldGenerator(POWER).draw(rng);
        double[][] g = new KaiserSquires(N, N).forward(kappa, null);
        TangentPlane plane = GRID.tangentPlane();
        catalog = new GalaxyChunk(PER_PIXEL * N * N);
        for (int iy = 0; iy < N; iy++) {
            for (int ix = 0; ix < N; ix++) {
                SkyPoint p = GRID.pixelCentre(ix, iy);
                double phi2 = 2 * plane.frameRotation(p.raDeg(), p.decDeg());
                double t1 = g[0][iy * N + ix]; // tile frame (East, North): e' = (gamma1, -gamma2)
                double t2 = -g[1][iy * N + ix];
                double e1 = t1 * Math.cos(phi2) + t2 * Math.sin(phi2); // e = e' exp(-2i phi)
                double e2 = -t1 * Math.sin(phi2) + t2 * Math.cos(phi2);
                for (int k = 0; k < PER_PIXEL; k++) {
                    catalog.add(p.raDeg(), p.decDeg(), e1 + 0.3 * rng.nextGaussian(), e2 + 0.3 * rng.nextGaussian(), 1.0);
                }
            }
        }
        check = new ConventionCheck(GRID, List.of(new SkyPoint(150, 60)), new double[] {1, 10}, BANDS, 16, 3L);
        noise = check.noise(catalog);
    }

    static EbModePower eb(EllipticityConvention c) throws CatalogException {
        return EbModePower.of(check.bin(c.apply(catalog)), noise, BANDS);
    }

    @Test
    void skyConventionHasItsSignalInEAndNoiseInB() throws CatalogException {
        EbModePower eb = eb(new EllipticityConvention(false, false, false));
        assertEquals(32, eb.noiseMaps());
        assertTrue(eb.excessE(1) > 5 && eb.excessE(2) > 5 && eb.excessE(3) > 5, "E power above the noise at low ell");
        for (int b = 0; b < BANDS; b++) {
            assertTrue(Math.abs(eb.excessB(b)) < 4, "B at the noise level in band " + b + ": " + eb.excessB(b));
            assertTrue(eb.powerE()[b] > 0 && eb.noiseStd()[b] > 0);
        }
        assertTrue(eb.ratio(0) > 3, "P_E/P_B " + eb.ratio(0));
    }

    @Test
    void reflectionsMixAndQuarterTurnsSwapEAndB() throws CatalogException {
        double right = eb(new EllipticityConvention(false, false, false)).eMinusB(0, 1e9);
        assertEquals(right, eb(new EllipticityConvention(false, true, true)).eMinusB(0, 1e9), 1e-9, "-e: same powers");
        for (EllipticityConvention c : List.of(new EllipticityConvention(false, true, false),
                new EllipticityConvention(false, false, true), new EllipticityConvention(true, false, false))) {
            double mixed = eb(c).eMinusB(0, 1e9);
            assertTrue(Math.abs(mixed) < 0.5 * right, c.label() + " mixes E and B: " + mixed + " against " + right);
        }
        double turned = eb(new EllipticityConvention(true, true, false)).eMinusB(0, 1e9); // i e
        assertTrue(turned < -0.8 * right, "i e moves E into B: " + turned + " against " + right);
    }

    @Test
    void pureEControlShowsTheLeakageOfAMask() throws CatalogException {
        BinnedShear full = check.bin(catalog);
        EbModePower.PureE open = EbModePower.pureE(full, noise, POWER, BANDS, new SplittableRandom(4));
        GalaxyChunk west = westHalf();
        List<BinnedShear> westNoise = check.noise(west);
        EbModePower.PureE masked = EbModePower.pureE(check.bin(west), westNoise, POWER, BANDS, new SplittableRandom(4));
        assertEquals(16, open.realisations());
        for (int b = 0; b < BANDS; b++) {
            assertTrue(Math.abs(open.meanExcessB()[b]) < 1.5, "no mask, no leakage: band " + b + " " + open.meanExcessB()[b]);
        }
        assertTrue(open.meanExcessE()[0] > 10);
        double leak = masked.meanExcessB()[0] + masked.meanExcessB()[1] - open.meanExcessB()[0] - open.meanExcessB()[1];
        assertTrue(leak > 3, "an empty half-tile leaks E into B at low ell: " + java.util.Arrays.toString(masked.meanExcessB()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EbModePower.pureE(full, westNoise, POWER, BANDS, new SplittableRandom(1)));
        assertTrue(e.getMessage().contains("cover the data's pixels"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> EbModePower.pureE(full, noise, PowerMap.fromCl(TileGrid.square(32, 1.0, GRID.centre()), l -> 1e-9),
                        BANDS, new SplittableRandom(1)));
        assertThrows(IllegalArgumentException.class, () -> EbModePower.of(full, noise.subList(0, 1), BANDS));
    }

    /** The galaxies of the western half of the tile. */
    private static GalaxyChunk westHalf() {
        GalaxyChunk half = new GalaxyChunk(catalog.size());
        for (int i = 0; i < catalog.size(); i++) {
            if (catalog.ra()[i] < GRID.centre().raDeg()) {
                half.add(catalog.ra()[i], catalog.dec()[i], catalog.e1()[i], catalog.e2()[i], catalog.w()[i]);
            }
        }
        return half;
    }
}
