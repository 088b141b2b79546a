package org.massmap.spark.job;

import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.massmap.catalog.BinnedShear;
import org.massmap.catalog.CatalogException;
import org.massmap.catalog.ShearBinner;
import org.massmap.pipeline.PriorModel;
import org.massmap.pipeline.TileProblem;
import org.massmap.sampling.ChainDiagnostics;
import org.massmap.sampling.ChainResult;
import org.massmap.spark.runtime.ExecutorRuntime;

/**
 * Runs one chain task on an executor: rebuilds the tile's problem from its binned sums (cheap and
 * deterministic), then samples the task's chains in one lockstep batch on the task's thread with
 * the executor's copy of the prior. Failures become a {@link ChainBatch} with a reason.
 */
final class ChainRunner {
    private ChainRunner() {
    }

    static BinnedShear binned(JobSpec spec, TilePlan plan) throws CatalogException {
        return new ShearBinner(plan.tile().grid()).finish(plan.binned(), spec.shapeNoise());
    }

    static TileProblem problem(JobSpec spec, TilePlan plan, PriorModel prior) throws CatalogException {
        return new TileProblem(plan.tile().id(), binned(spec, plan), spec.shearModel(), spec.spectrum(), prior, spec.sampler());
    }

    static ChainBatch run(JobSpec spec, ChainTask task, Configuration hadoop) {
        long t0 = System.nanoTime();
        String tile = task.plan().tile().id();
        try {
            ExecutorRuntime.configureThreads();
            PriorModel prior = PriorModels.forJob(spec, hadoop);
            TileProblem problem = problem(spec, task.plan(), prior);
            List<ChainResult> results = problem.sample(task.firstChain(), task.count(), 1, null);
            List<double[]> samples = new ArrayList<>();
            List<ChainDiagnostics> diagnostics = new ArrayList<>();
            for (ChainResult r : results) {
                samples.add(r.sample());
                diagnostics.add(r.diagnostics());
            }
            return new ChainBatch(tile, task.firstChain(), samples, diagnostics, null, (System.nanoTime() - t0) * 1e-9);
        } catch (CatalogException | RuntimeException e) {
            return new ChainBatch(tile, task.firstChain(), List.of(), List.of(), String.valueOf(e.getMessage()),
                    (System.nanoTime() - t0) * 1e-9);
        }
    }
}
