package org.massmap.training;

import java.util.Random;
import org.massmap.model.PowerSpectrumTable;
import org.massmap.prior.GaussianFieldGenerator;

/**
 * Gaussian random convergence maps with a given C_ℓ on a periodic n×n grid: draws from exactly the
 * Gaussian theory prior, so a network trained on them should learn a residual r_θ ≈ 0.
 */
public final class GaussianMaps extends SquareTrainingMaps {
    private final GaussianFieldGenerator generator;

    public GaussianMaps(int n, double pixelArcmin, PowerSpectrumTable cl) {
        super(n, pixelArcmin);
        this.generator = new GaussianFieldGenerator(cl.powerMap(grid()));
    }

    @Override
    public double[] next(Random rng) {
        return generator.draw(rng);
    }
}
