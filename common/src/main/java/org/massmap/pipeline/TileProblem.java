package org.massmap.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import org.massmap.catalog.BinnedShear;
import org.massmap.config.SamplerConfig;
import org.massmap.grid.TileEmbedding;
import org.massmap.lensing.KaiserSquiresMaps;
import org.massmap.lensing.ShearLikelihood;
import org.massmap.lensing.ShearModel;
import org.massmap.prior.PowerMap;
import org.massmap.sampling.ChainObserver;
import org.massmap.sampling.ChainResult;
import org.massmap.sampling.PosteriorSampler;
import org.massmap.sampling.Schedule;
import org.massmap.sampling.TemperedPosterior;
import org.massmap.theory.ConvergenceSpectrum;

/**
 * One tile, ready to sample: its model-free {@link TileData} (likelihood, Gaussian power map) plus
 * the prior model's score, the resolved σ_min and the Kaiser-Squires start map. Only sampling needs
 * the prior model: a tile's products are made from its {@link TileData}. Immutable; sampling any
 * slice of its chains gives the same chains whatever the slicing (seeds from run seed, tile id and
 * chain index).
 *
 * <p>With a margin the chains run on {@link TileData#inferenceGrid()} (score, likelihood and start map
 * there; observers see those states) and the samples returned are cropped to the tile: every caller
 * gets tile-sized maps. With margin 0 nothing is copied or cropped.
 */
public final class TileProblem {
    private final String tileId;
    private final TileData data;
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
        this(tileId, new TileData(binned, model, cl), prior, sampler);
    }

    /**
     * As the constructor above, the tile embedded in a larger periodic grid of margin
     * {@code marginFraction} ({@link TileData#TileData(BinnedShear, ShearModel, ConvergenceSpectrum, double)}).
     */
    public TileProblem(String tileId, BinnedShear binned, ShearModel model, ConvergenceSpectrum cl, double marginFraction,
            PriorModel prior, SamplerConfig sampler) {
        this(tileId, new TileData(binned, model, cl, marginFraction), prior, sampler);
    }

    /**
     * @throws IllegalArgumentException for σ ranges outside the prior's validity, or σ_min ≥ σ_max
     */
    public TileProblem(String tileId, TileData data, PriorModel prior, SamplerConfig sampler) {
        this.tileId = tileId;
        this.data = data;
        this.sampler = sampler;
        prior.requireSigmaMax(sampler.schedule().sigmaMax());
        this.schedule = data.schedule(sampler);
        this.posterior = new TemperedPosterior(data.likelihood(), prior.scoreFor(data.inferenceGrid(), data.power()));
        this.start = KaiserSquiresMaps.of(data.inferenceShear(), 0).kappaE();
    }

    public String tileId() {
        return tileId;
    }

    /** The model-free part of the tile. */
    public TileData data() {
        return data;
    }

    public BinnedShear binned() {
        return data.binned();
    }

    /** The likelihood on {@link TileData#inferenceGrid()}. */
    public ShearLikelihood likelihood() {
        return data.likelihood();
    }

    /** The Gaussian prior's power map on {@link TileData#inferenceGrid()}. */
    public PowerMap power() {
        return data.power();
    }

    /** The tempered posterior the chains sample (likelihood and prior score). */
    public TemperedPosterior posterior() {
        return posterior;
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
        return cropped(sampler(ChainObserver.NONE).sample(start, sampler.seed(), tileId, first, count, sampler.batchSize(), threads,
                onChainsDone, cancelled));
    }

    /**
     * As {@link #sample(int, int, int, IntConsumer, BooleanSupplier)}, with every chain's iterations
     * shown to {@code observer} (progress, convergence traces; the samples are the same).
     */
    public List<ChainResult> sample(int first, int count, int threads, BooleanSupplier cancelled, ChainObserver observer) {
        return cropped(sampler(observer).sample(start, sampler.seed(), tileId, first, count, sampler.batchSize(), threads, null,
                cancelled));
    }

    /** The chains' samples cropped to the tile (the list itself for margin 0; a failed chain keeps its null sample). */
    private List<ChainResult> cropped(List<ChainResult> results) {
        TileEmbedding e = data.embedding();
        if (e.isIdentity()) {
            return results;
        }
        List<ChainResult> out = new ArrayList<>(results.size());
        for (ChainResult r : results) {
            out.add(new ChainResult(r.sample() == null ? null : e.crop(r.sample()), r.diagnostics()));
        }
        return out;
    }

    private PosteriorSampler sampler(ChainObserver observer) {
        return new PosteriorSampler(posterior, data.approximation(), schedule, sampler.move(), sampler.finish()).withObserver(observer);
    }

    /** A generator for this tile's auxiliary draws (noise-only maps), independent of every chain. */
    public SplittableRandom auxiliaryRandom() {
        return TilePosterior.auxiliaryRandom(sampler.seed(), tileId);
    }
}
