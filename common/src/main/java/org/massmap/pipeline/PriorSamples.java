package org.massmap.pipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.massmap.config.SamplerConfig;
import org.massmap.grid.TileGrid;
import org.massmap.lensing.KaiserSquires;
import org.massmap.lensing.ShearLikelihood;
import org.massmap.lensing.ShearModel;
import org.massmap.prior.PowerMap;
import org.massmap.sampling.ChainResult;
import org.massmap.sampling.GaussianApproximation;
import org.massmap.sampling.PosteriorSampler;
import org.massmap.sampling.Schedule;
import org.massmap.sampling.ScoreFunction;
import org.massmap.sampling.TemperedPosterior;

/**
 * Samples of a prior alone, drawn by the same annealed HMC (schedule, mass matrix, Metropolis-Hastings
 * finish) that samples posteriors, to check what a learned prior believes: the likelihood carries no
 * information — every pixel observed with zero shear and noise {@value #NO_INFORMATION_NOISE} per
 * component, a precision some 10⁹ times below the prior's on every mode — so the tempered target is
 * the prior's own. Chains start from κ = 0 and their seeds come from the sampler's run seed and the
 * label "prior-only", so they differ from every tile's chains.
 */
public final class PriorSamples {
    /** Per-pixel shear noise of the uninformative likelihood. */
    public static final double NO_INFORMATION_NOISE = 1e3;

    private PriorSamples() {
    }

    /**
     * @param grid    the (periodic) tile the prior is sampled on
     * @param power   the Gaussian prior's power map on that tile (for σ_min and the Fourier mass matrix)
     * @param prior   the prior score to sample
     * @param sampler schedule, move, finish, seed and batching
     * @param chains  number of independent chains (one sample each)
     * @param threads worker threads
     * @return the samples of the chains that finished (a failed chain gives none)
     */
    public static List<double[]> draw(TileGrid grid, PowerMap power, ScoreFunction prior, SamplerConfig sampler, int chains,
            int threads) {
        int n = grid.size();
        double[] noise = new double[n];
        Arrays.fill(noise, NO_INFORMATION_NOISE);
        boolean[] all = new boolean[n];
        Arrays.fill(all, true);
        ShearLikelihood nothing = new ShearLikelihood(new KaiserSquires(grid.nx(), grid.ny()), new double[n], new double[n],
                noise, all, ShearModel.SHEAR);
        GaussianApproximation approximation = new GaussianApproximation(nothing, power);
        Schedule schedule = sampler.resolvedSchedule(approximation);
        PosteriorSampler chainsOf = new PosteriorSampler(new TemperedPosterior(nothing, prior), approximation, schedule,
                sampler.move(), sampler.finish());
        List<double[]> samples = new ArrayList<>(chains);
        for (ChainResult r : chainsOf.sample(new double[n], sampler.seed(), "prior-only", 0, chains, sampler.batchSize(), threads, null)) {
            if (r.sample() != null) {
                samples.add(r.sample());
            }
        }
        return samples;
    }
}
