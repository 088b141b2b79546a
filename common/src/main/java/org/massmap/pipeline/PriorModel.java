package org.massmap.pipeline;

import org.massmap.grid.TileGrid;
import org.massmap.prior.PowerMap;
import org.massmap.sampling.ScoreFunction;

/**
 * Supplies a tile's prior score: the Gaussian prior itself, or a hybrid neural prior whose Gaussian
 * part has the same power map. {@link #sigmaRange()} is the σ range the score was trained on.
 */
public interface PriorModel {

    /** The prior score on {@code grid}, whose Gaussian part has power map {@code power}. */
    ScoreFunction scoreFor(TileGrid grid, PowerMap power);

    /**
     * {lowest, highest} trained σ ({0, ∞} for the Gaussian prior). A sampler must start at
     * σ_max ≤ highest; below the lowest, a hybrid model holds its residual at the lowest.
     */
    double[] sigmaRange();

    /** Throws, with the fix, unless annealing may start at {@code sigmaMax} (≤ the highest trained σ). */
    default void requireSigmaMax(double sigmaMax) {
        double[] range = sigmaRange();
        if (sigmaMax > range[1] * (1 + 1e-9)) {
            throw new IllegalArgumentException("sampler.sigma-max=" + sigmaMax + " lies outside the prior model's trained range ["
                    + range[0] + ", " + range[1] + "]; lower sampler.sigma-max or retrain with larger noise levels");
        }
    }

    /** SHA-256 of the model weights, or null for the Gaussian prior. */
    String checksum();

    /** Short description for logs and manifests. */
    String describe();

    /** The Gaussian theory prior. */
    static PriorModel gaussian() {
        return new PriorModel() {
            @Override
            public ScoreFunction scoreFor(TileGrid grid, PowerMap power) {
                return new org.massmap.prior.GaussianPrior(power);
            }

            @Override
            public double[] sigmaRange() {
                return new double[] {0, Double.POSITIVE_INFINITY};
            }

            @Override
            public String checksum() {
                return null;
            }

            @Override
            public String describe() {
                return "gaussian";
            }
        };
    }
}
