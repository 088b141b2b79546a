package org.massmap.training;

import java.util.Random;
import org.massmap.model.PowerSpectrumTable;
import org.massmap.sim.ConvergenceSimulator;
import org.massmap.sim.HaloModel;

/**
 * Training maps from the project's simulator ({@link ConvergenceSimulator}) on a periodic n×n grid:
 * a shifted-lognormal field plus, optionally, NFW halos of the cosmology's halo model, split so that
 * the maps' expected power is exactly the prior's pixel-windowed power map: the Gaussian part is right
 * about two-point statistics and the network learns only the non-Gaussianity.
 */
public final class SimulatedTrainingMaps extends SquareTrainingMaps {
    private final ConvergenceSimulator simulator;

    /**
     * @param prior C_ℓ of the maps (and of the hybrid prior's Gaussian part)
     * @param shift lognormal shift λ of the field component
     * @param halos halo population, or null for lognormal maps with the prior's power
     */
    public SimulatedTrainingMaps(int n, double pixelArcmin, PowerSpectrumTable prior, double shift, HaloModel halos) {
        super(n, pixelArcmin);
        this.simulator = new ConvergenceSimulator(grid(), prior.powerMap(grid()), shift, halos);
    }

    /** The simulator (its halo abundance factor, power split). */
    public ConvergenceSimulator simulator() {
        return simulator;
    }

    @Override
    public double[] next(Random rng) {
        return simulator.draw(rng).kappa();
    }
}
