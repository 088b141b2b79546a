package org.massmap.pipeline;

import org.massmap.catalog.BinnedShear;
import org.massmap.config.SamplerConfig;
import org.massmap.lensing.ShearLikelihood;
import org.massmap.lensing.ShearModel;
import org.massmap.prior.PowerMap;
import org.massmap.sampling.GaussianApproximation;
import org.massmap.sampling.Schedule;
import org.massmap.theory.ConvergenceSpectrum;
import org.massmap.wiener.GaussianPosterior;
import org.massmap.wiener.WienerResult;

/**
 * The part of one tile that needs no prior model: its binned shear, the masked Gaussian shear
 * likelihood, the Gaussian prior's power map and the Fourier-diagonal approximation of the
 * posterior built from them. Enough for the Kaiser-Squires and Wiener maps, the resolved annealing
 * schedule and a tile's published products; {@link TileProblem} adds a prior model's score to
 * sample it. Immutable.
 */
public final class TileData {
    private final BinnedShear binned;
    private final ShearLikelihood likelihood;
    private final PowerMap power;
    private final GaussianApproximation approximation;

    /**
     * @param model the shear model of the likelihood (shear or reduced shear)
     * @param cl    the Gaussian prior's convergence power spectrum
     * @throws IllegalArgumentException for a tile without galaxies
     */
    public TileData(BinnedShear binned, ShearModel model, ConvergenceSpectrum cl) {
        this.binned = binned;
        this.likelihood = TileInference.likelihood(binned, model);
        this.power = TileInference.power(binned.grid(), cl);
        this.approximation = new GaussianApproximation(likelihood, power);
    }

    public BinnedShear binned() {
        return binned;
    }

    public ShearLikelihood likelihood() {
        return likelihood;
    }

    /** The Gaussian prior's power map on the tile. */
    public PowerMap power() {
        return power;
    }

    /** The Fourier-diagonal approximation of the posterior under the Gaussian prior (mass matrix, σ_min). */
    public GaussianApproximation approximation() {
        return approximation;
    }

    /**
     * The annealing schedule of {@code sampler} with σ_min resolved on this tile.
     *
     * @throws IllegalArgumentException when the resolved σ_min is not below σ_max
     */
    public Schedule schedule(SamplerConfig sampler) {
        return sampler.resolvedSchedule(approximation);
    }

    /** The Wiener-filter map: the posterior mean under the Gaussian prior, by conjugate gradients. */
    public WienerResult wienerFilter(double tolerance, int maxIterations) {
        return new GaussianPosterior(likelihood, power, 0).wienerFilter(tolerance, maxIterations);
    }
}
