package org.massmap.spark.job;

import org.apache.hadoop.conf.Configuration;
import org.massmap.model.HybridPriorModel;
import org.massmap.model.ModelFileException;
import org.massmap.model.ScoreModel;
import org.massmap.pipeline.PriorModel;
import org.massmap.spark.runtime.ExecutorRuntime;
import org.massmap.spark.runtime.ModelFetch;

/**
 * The prior model of a job on this executor: Gaussian, or the JVM's single copy of the hybrid model,
 * fetched with the job's Hadoop configuration (so spark.hadoop.* settings such as object-store
 * credentials reach the model location as they reach the catalogs).
 */
final class PriorModels {
    private PriorModels() {
    }

    static PriorModel forJob(JobSpec spec, Configuration hadoop) {
        if (spec.modelUri() == null) {
            return PriorModel.gaussian();
        }
        return ExecutorRuntime.prior(spec.modelUri() + "@" + spec.modelSha256(), () -> {
            try {
                ScoreModel model = ModelFetch.load(spec.modelUri(), hadoop);
                if (!model.metadata().weightsSha256().equals(spec.modelSha256())) {
                    throw new IllegalStateException("the model at " + spec.modelUri() + " changed during the run (checksum "
                            + model.metadata().weightsSha256() + ", expected " + spec.modelSha256() + ")");
                }
                return new HybridPriorModel(model);
            } catch (ModelFileException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
    }
}
