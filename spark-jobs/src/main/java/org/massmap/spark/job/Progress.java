package org.massmap.spark.job;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A console progress line for the sampling stage, printed from the driver every few seconds: tiles
 * done / total, chains done / total, the share of all HMC iterations done (every chain's, counted as
 * they happen: {@link LiveAccumulator}), elapsed time and an ETA from the iteration rate — which,
 * unlike a count of finished chains, moves steadily while a batch of chains runs, so the ETA
 * converges. With the adaptive schedule the iteration total is a bound (chains usually finish
 * sooner), so its ETA is an upper bound.
 */
final class Progress implements AutoCloseable {
    private final ScheduledExecutorService timer;
    private final long started = System.nanoTime();

    /**
     * @param iterationsDone  HMC iterations done so far, over all chains
     * @param iterationsTotal HMC iterations of all chains (or their bound)
     */
    Progress(PrintWriter out, LongSupplier chainsDone, long chainsTotal, LongSupplier iterationsDone, long iterationsTotal,
            LongSupplier tilesDone, long tilesTotal, long periodSeconds) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "massmap-progress");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(() -> {
            out.println(line(tilesDone.getAsLong(), tilesTotal, chainsDone.getAsLong(), chainsTotal, iterationsDone.getAsLong(),
                    iterationsTotal, (System.nanoTime() - started) * 1e-9));
            out.flush();
        }, periodSeconds, periodSeconds, TimeUnit.SECONDS);
    }

    /** "  tiles 1/4, chains 16/64, iterations 31%, 120 s elapsed, ETA 267 s". */
    static String line(long tiles, long tilesTotal, long chains, long chainsTotal, long iterations, long iterationsTotal,
            double elapsed) {
        double done = iterationsTotal > 0 ? Math.min(1.0, (double) iterations / iterationsTotal) : 0;
        String eta = done > 0 && done < 1 ? String.format(Locale.ROOT, ", ETA %.0f s", elapsed * (1 - done) / done) : "";
        return String.format(Locale.ROOT, "  tiles %d/%d, chains %d/%d, iterations %.0f%%, %.0f s elapsed%s", tiles, tilesTotal,
                chains, chainsTotal, 100 * done, elapsed, eta);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
