package org.massmap.pipeline;

import org.massmap.prior.PowerMap;
import org.massmap.sampling.ScoreFunction;

/**
 * Supplies a tile's prior score from its Gaussian power map: the Gaussian prior itself, or a hybrid
 * neural prior built on it. {@link #sigmaRange()} is the σ range the score is valid on.
 */
public interface PriorModel {

    /** The prior score for a tile whose Gaussian part has power map {@code power}. */
    ScoreFunction scoreFor(PowerMap power);

    /** {lowest, highest} σ the score may be evaluated at ({0, ∞} for the Gaussian prior). */
    double[] sigmaRange();

    /** SHA-256 of the model weights, or null for the Gaussian prior. */
    String checksum();

    /** Short description for logs and manifests. */
    String describe();

    /** The Gaussian theory prior. */
    static PriorModel gaussian() {
        return new PriorModel() {
            @Override
            public ScoreFunction scoreFor(PowerMap power) {
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
