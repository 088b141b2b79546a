package org.massmap.spark.job;

import org.massmap.pipeline.PriorModel;
import org.massmap.spark.runtime.ExecutorRuntime;

/** The prior model of a job on this executor: Gaussian, or the JVM's single copy of the hybrid model. */
final class PriorModels {
    private PriorModels() {
    }

    static PriorModel forJob(JobSpec spec) {
        if (spec.modelUri() == null) {
            return PriorModel.gaussian();
        }
        return ExecutorRuntime.prior(spec.modelUri() + "@" + spec.modelSha256(), () -> {
            throw new IllegalStateException("the hybrid prior is not available in this build");
        });
    }
}
