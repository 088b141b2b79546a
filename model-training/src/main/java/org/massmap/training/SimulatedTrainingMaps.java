package org.massmap.training;

import java.util.Random;
import org.massmap.model.PowerSpectrumTable;
import org.massmap.sim.HaloPopulation;
import org.massmap.sim.HaloRenderer;
import org.massmap.sim.LognormalFieldGenerator;
import org.massmap.stats.MeanRemoval;

/**
 * Training maps from the project's simulator (org.massmap.sim): shifted-lognormal fields whose power
 * spectrum is the prior's C_ℓ — so the Gaussian part is right about two-point statistics and the
 * network learns only the non-Gaussianity — optionally with NFW halos drawn from the mock-survey
 * halo population, on a periodic n×n grid.
 */
public final class SimulatedTrainingMaps extends SquareTrainingMaps {
    private final LognormalFieldGenerator lognormal;
    private final HaloPopulation halos;

    /**
     * @param prior C_ℓ of the maps (and of the hybrid prior's Gaussian part)
     * @param shift lognormal shift λ
     * @param halos halo population to add, or null for none
     */
    public SimulatedTrainingMaps(int n, double pixelArcmin, PowerSpectrumTable prior, double shift, HaloPopulation halos) {
        super(n, pixelArcmin);
        this.lognormal = new LognormalFieldGenerator(prior.powerMap(grid()), shift);
        this.halos = halos;
    }

    @Override
    public double[] next(Random rng) {
        double[] k = lognormal.draw(rng);
        if (halos != null) {
            HaloRenderer.add(grid(), halos.draw(grid(), rng), k);
            MeanRemoval.removeMean(k);
        }
        return k;
    }
}
