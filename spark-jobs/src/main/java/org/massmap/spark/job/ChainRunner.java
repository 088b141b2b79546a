package org.massmap.spark.job;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.TaskContext;
import org.apache.spark.util.LongAccumulator;
import org.massmap.catalog.BinnedShear;
import org.massmap.catalog.CatalogException;
import org.massmap.catalog.ShearBinner;
import org.massmap.pipeline.PriorModel;
import org.massmap.pipeline.TileData;
import org.massmap.pipeline.TileProblem;
import org.massmap.sampling.ChainDiagnostics;
import org.massmap.sampling.ChainObserver;
import org.massmap.sampling.ChainResult;
import org.massmap.spark.runtime.ExecutorRuntime;

/**
 * Runs one chain task on an executor: rebuilds the tile's problem from its binned sums (cheap and
 * deterministic), then samples the task's chains in one lockstep batch with the executor's copy of
 * the prior. Failures become a {@link ChainBatch} with a reason. A killed task (a cancelled job,
 * Ctrl-C on the driver, a speculative copy no longer needed) stops its chains at their next
 * leapfrog step, whether or not Spark interrupts the task's thread, and ends as killed: a
 * cancellation is never reported as a failed tile.
 */
final class ChainRunner {
    private ChainRunner() {
    }

    static BinnedShear binned(JobSpec spec, TilePlan plan) throws CatalogException {
        return new ShearBinner(plan.tile().grid()).finish(plan.binned(), spec.shapeNoise());
    }

    /** The tile's model-free part: what its products need. */
    static TileData data(JobSpec spec, TilePlan plan) throws CatalogException {
        return new TileData(binned(spec, plan), spec.shearModel(), spec.spectrum(), spec.embeddingMargin());
    }

    static TileProblem problem(JobSpec spec, TilePlan plan, PriorModel prior) throws CatalogException {
        return new TileProblem(plan.tile().id(), data(spec, plan), prior, spec.sampler());
    }

    /**
     * @param iterations counts every HMC iteration of the task's chains as it happens (for the
     *                   driver's progress line)
     */
    static ChainBatch run(JobSpec spec, ChainTask task, Configuration hadoop, LongAccumulator iterations) {
        long t0 = System.nanoTime();
        String tile = task.plan().tile().id();
        TaskContext context = TaskContext.get(); // null outside a Spark task (tests)
        BooleanSupplier killed = context == null ? () -> false : context::isInterrupted;
        try {
            ExecutorRuntime.configureThreads();
            PriorModel prior = PriorModels.forJob(spec, hadoop);
            TileProblem problem = problem(spec, task.plan(), prior);
            ChainObserver counter = (chain, sigma, finalPhase, state) -> {
                synchronized (iterations) {
                    iterations.add(1);
                }
            };
            List<ChainResult> results = problem.sample(task.firstChain(), task.count(), 1, killed, counter);
            List<double[]> samples = new ArrayList<>();
            List<ChainDiagnostics> diagnostics = new ArrayList<>();
            for (ChainResult r : results) {
                samples.add(r.sample());
                diagnostics.add(r.diagnostics());
            }
            return new ChainBatch(tile, task.firstChain(), samples, diagnostics, null, (System.nanoTime() - t0) * 1e-9);
        } catch (CancellationException e) {
            if (context != null) {
                context.killTaskIfInterrupted(); // Spark's TaskKilledException: the task ends as killed, with Spark's reason
            }
            throw e;
        } catch (CatalogException | RuntimeException e) {
            return new ChainBatch(tile, task.firstChain(), List.of(), List.of(), String.valueOf(e.getMessage()),
                    (System.nanoTime() - t0) * 1e-9);
        }
    }
}
