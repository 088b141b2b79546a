package org.massmap.sampling;

import org.massmap.lensing.ShearLikelihood;
import org.massmap.stats.MeanRemoval;

/**
 * The tempered posterior score of Remy et al. (2020), eq. 4:
 * s_post(κ, σ) = ∇_κ log p_σ(γ | κ) + s_prior(κ, σ), evaluated for a batch of chains, each at its
 * own σ. The sampler lives in the zero-mean subspace (the mean of κ is not measurable), so the
 * mean of every score is removed. Thread-safe if the prior score is.
 */
public final class TemperedPosterior {
    private final ShearLikelihood likelihood;
    private final ScoreFunction prior;

    public TemperedPosterior(ShearLikelihood likelihood, ScoreFunction prior) {
        if (prior.nx() != likelihood.operator().nx() || prior.ny() != likelihood.operator().ny()) {
            throw new IllegalArgumentException("prior score is for " + prior.nx() + "x" + prior.ny()
                    + " maps but the data are " + likelihood.operator().nx() + "x" + likelihood.operator().ny());
        }
        this.likelihood = likelihood;
        this.prior = prior;
    }

    public ShearLikelihood likelihood() {
        return likelihood;
    }

    public ScoreFunction prior() {
        return prior;
    }

    /** Pixels per map. */
    public int size() {
        return prior.nx() * prior.ny();
    }

    /**
     * Writes s_post(maps[b], sigmas[b]) into out[b]. A prior that works on spectra
     * ({@link SpectralScore}) is added to the likelihood gradient's spectrum and shares its transforms.
     */
    public void score(double[][] maps, double[] sigmas, double[][] out) {
        if (prior instanceof SpectralScore spectral) {
            likelihood.gradientPlus(maps, sigmas, spectral::addScoreSpectra, out);
        } else {
            prior.score(maps, sigmas, out);
            double[][] g = new double[maps.length][size()];
            likelihood.gradient(maps, sigmas, g);
            for (int b = 0; b < maps.length; b++) {
                double[] o = out[b];
                double[] gb = g[b];
                for (int i = 0; i < gb.length; i++) {
                    o[i] += gb[i];
                }
            }
        }
        for (double[] o : out) {
            MeanRemoval.removeMean(o);
        }
    }
}
