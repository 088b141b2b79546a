package org.massmap.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.massmap.fft.Fft2;
import org.massmap.grid.SkyPoint;
import org.massmap.grid.TileGrid;
import org.massmap.stats.BandPowerRatio;
import org.massmap.theory.SourceDistribution;
import org.massmap.theory.TheorySettings;

class OneHaloPowerTest {
    static final TheorySettings THEORY = TheorySettings.defaults(SourceDistribution.gaussian(0.9, 0.3));

    /** Oracle: Σ_cells λ mean_offsets |FFT(stamp wrapped onto the grid)|², one grid FFT per stamp. */
    static double[] naive(TileGrid grid, HaloModel model) {
        int nx = grid.nx();
        int ny = grid.ny();
        Fft2 fft = new Fft2(nx, ny);
        double[] p = new double[nx * ny];
        int m = HaloModel.SUBPIXEL;
        for (HaloModel.Cell c : model.cells()) {
            double w = c.perSteradian() * grid.pixelRad() * grid.pixelRad() / (m * m);
            for (int oy = 0; oy < m; oy++) {
                for (int ox = 0; ox < m; ox++) {
                    HaloRenderer.Stamp s = HaloRenderer.stamp(c.profile(), grid.pixelRad(), HaloModel.lattice(ox), HaloModel.lattice(oy));
                    double[] img = new double[nx * ny];
                    for (int j = 0; j < s.height(); j++) {
                        for (int i = 0; i < s.width(); i++) {
                            img[Math.floorMod(s.y0() + j, ny) * nx + Math.floorMod(s.x0() + i, nx)] += s.values()[j * s.width() + i];
                        }
                    }
                    double[] f = fft.forwardReal(img);
                    for (int k = 0; k < p.length; k++) {
                        p[k] += w * (f[2 * k] * f[2 * k] + f[2 * k + 1] * f[2 * k + 1]);
                    }
                }
            }
        }
        return p;
    }

    @Test
    void autocorrelationRouteEqualsTheDirectFftOfEveryWrappedStamp() {
        // a 24x20 grid of 1′ pixels: the large low-z halos (θ200 up to ≈ 40′) wrap around the torus several times
        HaloModel model = new HaloModel(TheorySettings.defaults(SourceDistribution.plane(0.8)), new HaloModelSpec(3e13, 3e15));
        TileGrid grid = new TileGrid(24, 20, TileGrid.ARCMIN, new SkyPoint(0, 0));
        double[] fast = OneHaloPower.compute(grid, model);
        double[] slow = naive(grid, model);
        for (int k = 0; k < fast.length; k++) {
            assertEquals(slow[k], fast[k], 1e-9 * slow[k], "mode " + k);
        }
    }

    @Test
    void cachedStampsRenderTheDrawnHalosAsTheRendererDoes() {
        HaloModel model = new HaloModel(TheorySettings.defaults(SourceDistribution.plane(1.0)), new HaloModelSpec(1e13, 3e15));
        TileGrid grid = TileGrid.square(48, 1.0, new SkyPoint(40, 20));
        HaloStamps stamps = new HaloStamps(model, grid);
        java.util.List<HaloModel.Placement> placed = model.place(grid, 1, new SplittableRandom(9));
        double[] fromStamps = new double[grid.size()];
        java.util.List<Halo> halos = new java.util.ArrayList<>();
        for (HaloModel.Placement p : placed) {
            stamps.addPeriodic(p, fromStamps, grid.nx(), grid.ny());
            halos.add(model.halo(grid, p));
        }
        double[] rendered = new double[grid.size()];
        HaloRenderer.add(grid, halos, rendered, HaloRenderer.Boundary.PERIODIC);
        assertTrue(placed.size() > 100);
        for (int i = 0; i < rendered.length; i++) {
            assertEquals(rendered[i], fromStamps[i], 1e-9 * Math.abs(rendered[i]) + 1e-12, "pixel " + i);
        }
    }

    @Test
    void meanPowerOfDrawnHalosIsTheOneHaloPower() {
        // light halos only: many per map, so the sample mean is well behaved at every ell
        HaloModel model = new HaloModel(THEORY, new HaloModelSpec(1e13, 1e14));
        TileGrid grid = TileGrid.square(64, 1.0, new SkyPoint(0, 0));
        double[] p = OneHaloPower.compute(grid, model);
        p[0] = 1;
        BandPowerRatio r = new BandPowerRatio(grid, 6, p);
        SplittableRandom rng = new SplittableRandom(3);
        for (int m = 0; m < 160; m++) {
            double[] k = new double[grid.size()];
            HaloRenderer.add(grid, model.draw(grid, 1, rng), k, HaloRenderer.Boundary.PERIODIC);
            r.add(k);
        }
        for (int b = 0; b < r.bands(); b++) {
            System.out.printf("halo power, ell %.0f: measured/P_1h %.4f ± %.4f%n", r.ell(b), r.mean(b), r.error(b));
            assertEquals(1, r.mean(b), 4 * r.error(b), "band " + b);
            assertTrue(r.error(b) < 0.08, "the test should measure the power to better than 8%");
        }
    }
}
