package org.massmap.pipeline;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import org.massmap.catalog.BinnedShear;
import org.massmap.config.SamplerConfig;
import org.massmap.lensing.ShearLikelihood;
import org.massmap.lensing.ShearModel;
import org.massmap.prior.PowerMap;
import org.massmap.products.KaiserSquiresMaps;
import org.massmap.products.TileInference;
import org.massmap.sampling.ChainResult;
import org.massmap.sampling.ChainSeeds;
import org.massmap.sampling.GaussianApproximation;
import org.massmap.sampling.PosteriorSampler;
import org.massmap.sampling.Schedule;
import org.massmap.sampling.TemperedPosterior;
import org.massmap.theory.ConvergenceSpectrum;

/**
 * One tile, ready to sample: its likelihood, Gaussian power map, prior score, the resolved σ_min
 * and the Kaiser-Squires start map. Immutable; sampling any slice of its chains gives the same
 * chains whatever the slicing (seeds from run seed, tile id and chain index).
 */
public final class TileProblem {
    private final String tileId;
    private final BinnedShear binned;
    private final ShearLikelihood likelihood;
    private final PowerMap power;
    private final GaussianApproximation approximation;
    private final TemperedPosterior posterior;
    private final Schedule schedule;
    private final SamplerConfig sampler;
    private final double[] start;

    /**
     * @throws IllegalArgumentException for a tile without galaxies, σ ranges outside the prior's
     *                                  validity, or σ_min ≥ σ_max
     */
    public TileProblem(String tileId, BinnedShear binned, ShearModel model, ConvergenceSpectrum cl, PriorModel prior,
            SamplerConfig sampler) {
        this.tileId = tileId;
        this.binned = binned;
        this.sampler = sampler;
        this.likelihood = TileInference.likelihood(binned, model);
        this.power = TileInference.power(binned.grid(), cl);
        this.approximation = new GaussianApproximation(likelihood, power);
        prior.requireSigmaMax(sampler.schedule().sigmaMax());
        this.schedule = sampler.resolvedSchedule(approximation);
        this.posterior = new TemperedPosterior(likelihood, prior.scoreFor(binned.grid(), power));
        this.start = KaiserSquiresMaps.of(binned, 0).kappaE();
    }

    public String tileId() {
        return tileId;
    }

    public BinnedShear binned() {
        return binned;
    }

    public ShearLikelihood likelihood() {
        return likelihood;
    }

    public PowerMap power() {
        return power;
    }

    /** The annealing schedule with the resolved σ_min. */
    public Schedule schedule() {
        return schedule;
    }

    /** Runs chains [first, first + count) with the configured batching; an interrupt of the calling thread cancels them. */
    public List<ChainResult> sample(int first, int count, int threads, IntConsumer onChainsDone) {
        return sample(first, count, threads, onChainsDone, () -> false);
    }

    /**
     * Runs chains [first, first + count) with the configured batching until done or cancelled.
     *
     * @param cancelled raised to stop the chains at their next leapfrog step (thread-safe)
     * @throws java.util.concurrent.CancellationException when cancelled or the calling thread is interrupted
     */
    public List<ChainResult> sample(int first, int count, int threads, IntConsumer onChainsDone, BooleanSupplier cancelled) {
        return new PosteriorSampler(posterior, approximation, schedule, sampler.move(), sampler.finish()).sample(start, sampler.seed(), tileId, first, count,
                sampler.batchSize(), threads, onChainsDone, cancelled);
    }

    /** A generator for this tile's auxiliary draws (noise-only maps), independent of every chain. */
    public SplittableRandom auxiliaryRandom() {
        return new SplittableRandom(ChainSeeds.seed(sampler.seed(), tileId + "#noise-only", 0));
    }
}
