package org.massmap.sampling;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * Runs many independent annealed-HMC chains of one tile on a pool of threads. Chains are grouped
 * into batches by index only (chains [b·B, (b+1)·B) form batch b), each batch runs in lockstep on
 * one thread with batched score evaluations, and each chain's seed comes from
 * {@link ChainSeeds#seed(long, String, int)}: results do not depend on the thread count.
 */
public final class PosteriorSampler {
    private final AnnealedHmc batchSampler;

    /**
     * @param approximation Gaussian approximation of the posterior (for the Fourier mass matrix)
     * @param finish        the probability-flow finish, or {@link ProbabilityFlow#NONE}
     */
    public PosteriorSampler(TemperedPosterior posterior, GaussianApproximation approximation, Schedule schedule, HmcMove move,
            ProbabilityFlow finish) {
        this(new AnnealedHmc(posterior, approximation, schedule, move, finish));
    }

    /** Runs every batch with {@code batchSampler} (tests pass variants of {@link AnnealedHmc}). */
    PosteriorSampler(AnnealedHmc batchSampler) {
        this.batchSampler = batchSampler;
    }

    /**
     * @param start      starting map (the Kaiser-Squires estimate)
     * @param runSeed    the run's seed
     * @param tileId     the tile's identifier (enters the chain seeds)
     * @param firstChain index of the first chain to run (a Spark task may run a slice)
     * @param chains     number of chains to run
     * @param batchSize  chains per lockstep batch
     * @param threads    worker threads
     * @param onChainsDone called with the number of chains of each finished batch (may be null)
     * @return results in chain order
     */
    public List<ChainResult> sample(double[] start, long runSeed, String tileId, int firstChain, int chains,
            int batchSize, int threads, IntConsumer onChainsDone) {
        if (chains < 1 || batchSize < 1 || threads < 1) {
            throw new IllegalArgumentException("need chains, batch size and threads >= 1");
        }
        List<int[]> batches = new ArrayList<>();
        for (int b = firstChain; b < firstChain + chains; b += batchSize) {
            int end = Math.min(b + batchSize, firstChain + chains);
            int[] idx = new int[end - b];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = b + i;
            }
            batches.add(idx);
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, batches.size()), r -> {
            Thread t = new Thread(r, "massmap-chains");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<List<ChainResult>>> futures = new ArrayList<>();
            for (int[] idx : batches) {
                futures.add(pool.submit(() -> {
                    long[] seeds = new long[idx.length];
                    for (int i = 0; i < idx.length; i++) {
                        seeds[i] = ChainSeeds.seed(runSeed, tileId, idx[i]);
                    }
                    List<ChainResult> r = batchSampler.run(start, idx, seeds);
                    if (onChainsDone != null) {
                        onChainsDone.accept(idx.length);
                    }
                    return r;
                }));
            }
            List<ChainResult> all = new ArrayList<>();
            for (Future<List<ChainResult>> f : futures) {
                all.addAll(f.get());
            }
            return all;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("sampling interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("a sampling batch failed: " + cause, cause);
        } finally {
            pool.shutdownNow();
        }
    }
}
