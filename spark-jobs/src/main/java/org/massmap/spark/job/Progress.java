package org.massmap.spark.job;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.spark.util.LongAccumulator;

/**
 * A console progress line for the sampling stage, printed from the driver every few seconds:
 * tiles done / total, chains done / total, elapsed time and an ETA from the chain rate. The counts
 * come from Spark accumulators updated by the tasks (Spark's own UI shows the stages too).
 */
final class Progress implements AutoCloseable {
    private final ScheduledExecutorService timer;
    private final long started = System.nanoTime();

    Progress(PrintWriter out, LongAccumulator chainsDone, long chainsTotal, LongAccumulator tilesDone, long tilesTotal,
            long periodSeconds) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "massmap-progress");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(() -> {
            double elapsed = (System.nanoTime() - started) * 1e-9;
            long chains = chainsDone.value();
            String eta = chains > 0 && chains < chainsTotal
                    ? String.format(Locale.ROOT, ", ETA %.0f s", elapsed * (chainsTotal - chains) / chains) : "";
            out.printf(Locale.ROOT, "  tiles %d/%d, chains %d/%d, %.0f s elapsed%s%n", tilesDone.value(), tilesTotal, chains,
                    chainsTotal, elapsed, eta);
            out.flush();
        }, periodSeconds, periodSeconds, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
