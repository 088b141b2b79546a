package org.massmap.training;

import java.util.Random;
import org.massmap.grid.SkyPoint;
import org.massmap.grid.TileGrid;
import org.massmap.model.PowerSpectrumTable;
import org.massmap.prior.GaussianFieldGenerator;

/**
 * Gaussian random convergence maps with a given C_ℓ on a periodic n×n grid: draws from exactly the
 * Gaussian theory prior, so a network trained on them should learn a residual r_θ ≈ 0.
 */
public final class GaussianMaps implements TrainingMaps {
    private final int n;
    private final double pixelArcmin;
    private final GaussianFieldGenerator generator;

    public GaussianMaps(int n, double pixelArcmin, PowerSpectrumTable cl) {
        this.n = n;
        this.pixelArcmin = pixelArcmin;
        this.generator = new GaussianFieldGenerator(cl.powerMap(TileGrid.square(n, pixelArcmin, new SkyPoint(0, 0))));
    }

    @Override
    public int nx() {
        return n;
    }

    @Override
    public int ny() {
        return n;
    }

    @Override
    public double pixelArcmin() {
        return pixelArcmin;
    }

    @Override
    public double[] next(Random rng) {
        return generator.draw(rng);
    }
}
