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
import org.massmap.sampling.GeometricSchedule;
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
        ShearLikelihood nothing = uninformative(grid);
        GaussianApproximation approximation = new GaussianApproximation(nothing, power);
        Schedule schedule = sampler.resolvedSchedule(approximation);
        PosteriorSampler chainsOf = new PosteriorSampler(new TemperedPosterior(nothing, prior), approximation, schedule,
                sampler.move(), sampler.finish());
        return finished(chainsOf.sample(new double[grid.size()], sampler.seed(), "prior-only", 0, chains, sampler.batchSize(),
                threads, null));
    }

    /**
     * Whether the prior keeps maps where they are: one chain per start, started at start + σ_min
     * noise (a draw from p_σmin when the starts are draws from the prior), that stays at σ_min for
     * {@code adaptSteps} iterations per level of a two-level ladder (σ_min·(1 + 10⁻⁴), σ_min) while
     * its step size adapts to the target acceptance, then {@code finalSteps} iterations with the
     * step frozen. A sampler of a correct prior leaves the starts' statistics unchanged.
     *
     * @param starts     maps drawn from the prior the score should describe (simulations)
     * @param adaptSteps iterations per level while the step adapts (the step starts at the
     *                   sampler's initial step and moves by a few percent per iteration)
     * @param finalSteps iterations at σ_min with the step frozen
     * @return the chains' last states, in the order of the starts (a failed chain gives none)
     */
    public static List<double[]> stayFrom(TileGrid grid, PowerMap power, ScoreFunction prior, SamplerConfig sampler,
            List<double[]> starts, int adaptSteps, int finalSteps, int threads) {
        ShearLikelihood nothing = uninformative(grid);
        GaussianApproximation approximation = new GaussianApproximation(nothing, power);
        double sigmaMin = sampler.resolvedSchedule(approximation).sigmaMin();
        Schedule stay = new GeometricSchedule(sigmaMin * (1 + 1e-4), sigmaMin, 2, adaptSteps, finalSteps);
        PosteriorSampler chainsOf = new PosteriorSampler(new TemperedPosterior(nothing, prior), approximation, stay,
                sampler.move(), sampler.finish());
        List<double[]> out = new ArrayList<>();
        for (int k = 0; k < starts.size(); k++) {
            out.addAll(finished(chainsOf.sample(starts.get(k), sampler.seed(), "prior-stay", k, 1, 1, threads, null)));
        }
        return out;
    }

    /** Every pixel observed with zero shear and noise {@value #NO_INFORMATION_NOISE}: no information. */
    private static ShearLikelihood uninformative(TileGrid grid) {
        int n = grid.size();
        double[] noise = new double[n];
        Arrays.fill(noise, NO_INFORMATION_NOISE);
        boolean[] all = new boolean[n];
        Arrays.fill(all, true);
        return new ShearLikelihood(new KaiserSquires(grid.nx(), grid.ny()), new double[n], new double[n], noise, all,
                ShearModel.SHEAR);
    }

    private static List<double[]> finished(List<ChainResult> results) {
        List<double[]> samples = new ArrayList<>(results.size());
        for (ChainResult r : results) {
            if (r.sample() != null) {
                samples.add(r.sample());
            }
        }
        return samples;
    }
}
