package org.massmap.model;

import org.massmap.grid.TileGrid;
import org.massmap.pipeline.PriorModel;
import org.massmap.prior.PowerMap;
import org.massmap.sampling.ScoreFunction;

/**
 * The hybrid prior (Remy et al. 2020, eq. 6) as the sampling pipeline's {@link PriorModel}: theory
 * score plus the trained residual, for any tile of the model's pixel size and a shape the network
 * accepts. The Gaussian part is rebuilt from the model's own C_ℓ; the pipeline's power map must come
 * from the same table (callers take the prior C_ℓ from the model). One instance per JVM; its network
 * serialises forward passes (see {@link ScoreNetwork}).
 */
public final class HybridPriorModel implements PriorModel {
    private final ScoreModel model;

    public HybridPriorModel(ScoreModel model) {
        this.model = model;
    }

    public ScoreModel model() {
        return model;
    }

    @Override
    public ScoreFunction scoreFor(TileGrid grid, PowerMap power) {
        return model.hybridScore(grid);
    }

    @Override
    public double[] sigmaRange() {
        return new double[] {model.metadata().sigma().lo(), model.metadata().sigma().hi()};
    }

    @Override
    public String checksum() {
        return model.metadata().weightsSha256();
    }

    @Override
    public String describe() {
        ModelMetadata m = model.metadata();
        return String.format(java.util.Locale.ROOT, "hybrid (%d-parameter U-Net at %.3g arcmin, sigma in [%.3g, %.3g])",
                model.weights().parameterCount(), m.pixelArcmin(), m.sigma().lo(), m.sigma().hi());
    }
}
