package org.massmap.training;

import java.util.Random;
import org.massmap.grid.SkyPoint;
import org.massmap.grid.TileGrid;
import org.massmap.model.HybridScore;
import org.massmap.model.ResidualLinearPart;
import org.massmap.model.ScoreModel;
import org.massmap.stats.PowerSpectrumEstimator;

/**
 * Measures a trained model's {@link ResidualLinearPart}: for each noise level σ_i (log-spaced over
 * the trained range) and each ℓ band, γ = Σ Re(X̄ R) / Σ |X|² over the band's modes of fresh
 * simulations plus noise, x = κ + σu, and the network's residual R = F r(x, σ) (with no linear part
 * removed). Maps come from a seed stream of their own ({@link Seeds#CALIBRATION}), never the
 * training batches or the held-out checks.
 *
 * <p>The statistical error of γ_b is about (1/√(maps × modes in b)) / (C + σ²) per band; the
 * lowest bands of the training map have the fewest modes, so use enough maps (64 at 128²
 * leaves the lowest band's Stein ratio uncertain by ≈ 0.05).
 */
public final class LinearPartFit {
    private LinearPartFit() {
    }

    /**
     * @param model        the trained model (its own linear part is ignored)
     * @param maps         simulations of the training distribution on the training grid
     * @param sigmaNodes   number of σ values, log-spaced over the model's trained range (≥ 2)
     * @param bands        number of logarithmic ℓ bands from the grid's fundamental to its corner
     * @param mapsPerSigma simulations per σ
     * @param seed         run seed; the maps use {@code Seeds.derive(seed, CALIBRATION, i)}
     */
    public static ResidualLinearPart fit(ScoreModel model, TrainingMaps maps, int sigmaNodes, int bands, int mapsPerSigma, long seed) {
        if (sigmaNodes < 2 || bands < 1 || mapsPerSigma < 1) {
            throw new IllegalArgumentException("linear part fit needs >= 2 sigma values, >= 1 band and >= 1 map, got "
                    + sigmaNodes + ", " + bands + ", " + mapsPerSigma);
        }
        TileGrid grid = TileGrid.square(maps.nx(), maps.pixelArcmin(), new SkyPoint(0, 0));
        HybridScore raw = model.hybridScore(grid, ResidualLinearPart.NONE);
        PowerSpectrumEstimator estimator = new PowerSpectrumEstimator(grid, bands);
        double lo = model.metadata().sigma().lo();
        double hi = model.metadata().sigma().hi();
        double[] sigmas = new double[sigmaNodes];
        double[][] gamma = new double[sigmaNodes][bands];
        int batch = Math.max(1, ScoreModel.DEFAULT_PIXELS_PER_FORWARD / grid.size());
        for (int i = 0; i < sigmaNodes; i++) {
            double sigma = lo * Math.pow(hi / lo, (double) i / (sigmaNodes - 1));
            sigmas[i] = sigma;
            Random rng = new Random(Seeds.derive(seed, Seeds.CALIBRATION, i));
            double[] xr = new double[bands];
            double[] xx = new double[bands];
            for (int start = 0; start < mapsPerSigma; start += batch) {
                int b = Math.min(batch, mapsPerSigma - start);
                double[][] x = new double[b][];
                double[][] r = new double[b][grid.size()];
                double[] s = new double[b];
                for (int k = 0; k < b; k++) {
                    x[k] = maps.next(rng);
                    for (int p = 0; p < x[k].length; p++) {
                        x[k][p] += sigma * rng.nextGaussian();
                    }
                    s[k] = sigma;
                }
                raw.residual(x, s, r);
                for (int k = 0; k < b; k++) {
                    double[] cross = estimator.cross(x[k], r[k]);
                    double[] power = estimator.estimate(x[k]);
                    for (int j = 0; j < bands; j++) {
                        xr[j] += cross[j];
                        xx[j] += power[j];
                    }
                }
            }
            for (int j = 0; j < bands; j++) {
                gamma[i][j] = xx[j] > 0 ? xr[j] / xx[j] : 0;
            }
        }
        return new ResidualLinearPart(estimator.ell(), sigmas, gamma, mapsPerSigma, seed);
    }
}
