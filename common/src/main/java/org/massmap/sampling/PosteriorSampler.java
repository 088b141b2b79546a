package org.massmap.sampling;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

/**
 * Runs many independent annealed-HMC chains of one tile on a pool of threads. Chains are grouped
 * into batches by index only (chains [b·B, (b+1)·B) form batch b), each batch runs in lockstep on
 * one thread with batched score evaluations, and each chain's seed comes from
 * {@link ChainSeeds#seed(long, String, int)}: results do not depend on the thread count.
 *
 * <p>The pool lives for one {@link #sample} call and is made of daemon threads. When the calling
 * thread is interrupted (Ctrl-C reaching a waiting thread, a Spark task killed with interruption),
 * the cancellation flag is raised (a Spark task killed without interruption) or a batch fails,
 * every batch still running is interrupted and stops at its next leapfrog step; the call returns
 * only once the pool's threads have ended (or after {@link #STOP_WAIT_SECONDS}, should a score
 * evaluation not return), so no chain outlives it.
 */
public final class PosteriorSampler {
    /** Name of the pool's threads (a JVM's shutdown path may wait for them to end). */
    public static final String THREAD_NAME = "massmap-chains";
    /** Seconds a cancelled or failed call waits for its batches to stop (each stops at its next leapfrog step). */
    static final long STOP_WAIT_SECONDS = 30;

    private final AnnealedHmc batchSampler;

    /**
     * @param approximation Gaussian approximation of the posterior (for the Fourier mass matrix)
     * @param finish        the probability-flow finish, or {@link ProbabilityFlow#NONE}
     */
    public PosteriorSampler(TemperedPosterior posterior, GaussianApproximation approximation, Schedule schedule, HmcMove move,
            ProbabilityFlow finish) {
        this(new AnnealedHmc(posterior, approximation, schedule, move, finish));
    }

    /** The same sampler, with every chain's iterations shown to {@code observer} (which changes no sample). */
    public PosteriorSampler withObserver(ChainObserver observer) {
        return new PosteriorSampler(batchSampler.withObserver(observer));
    }

    /** Runs every batch with {@code batchSampler} (tests pass variants of {@link AnnealedHmc}). */
    PosteriorSampler(AnnealedHmc batchSampler) {
        this.batchSampler = batchSampler;
    }

    /**
     * Runs chains to completion; only an interrupt of the calling thread cancels them.
     *
     * @see #sample(double[], long, String, int, int, int, int, IntConsumer, BooleanSupplier)
     */
    public List<ChainResult> sample(double[] start, long runSeed, String tileId, int firstChain, int chains,
            int batchSize, int threads, IntConsumer onChainsDone) {
        return sample(start, runSeed, tileId, firstChain, chains, batchSize, threads, onChainsDone, Cancellation.NEVER);
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
     * @param cancelled  raised to stop every batch at its next leapfrog step (read from the pool's
     *                   threads, so it must be thread-safe)
     * @return results in chain order
     * @throws CancellationException when the calling thread is interrupted (its interrupt status is
     *                               kept) or {@code cancelled} was raised
     */
    public List<ChainResult> sample(double[] start, long runSeed, String tileId, int firstChain, int chains,
            int batchSize, int threads, IntConsumer onChainsDone, BooleanSupplier cancelled) {
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
            Thread t = new Thread(r, THREAD_NAME);
            t.setDaemon(true);
            return t;
        });
        boolean interrupted = false;
        try {
            List<Future<List<ChainResult>>> futures = new ArrayList<>();
            for (int[] idx : batches) {
                futures.add(pool.submit(() -> {
                    long[] seeds = new long[idx.length];
                    for (int i = 0; i < idx.length; i++) {
                        seeds[i] = ChainSeeds.seed(runSeed, tileId, idx[i]);
                    }
                    List<ChainResult> r = batchSampler.run(start, idx, seeds, cancelled);
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
            interrupted = true;
            CancellationException c = new CancellationException("sampling of tile " + tileId + " interrupted");
            c.initCause(e);
            throw c;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("a sampling batch failed: " + cause, cause);
        } finally {
            pool.shutdownNow(); // interrupts the batches still running (after a failure or a cancellation)
            interrupted |= awaitStop(pool);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits for the pool's threads to end; returns whether the wait was interrupted. */
    private static boolean awaitStop(ExecutorService pool) {
        try {
            pool.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
            return false;
        } catch (InterruptedException e) {
            return true;
        }
    }
}
