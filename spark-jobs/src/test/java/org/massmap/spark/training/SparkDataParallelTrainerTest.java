package org.massmap.spark.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.massmap.model.Activation;
import org.massmap.model.NetworkConfig;
import org.massmap.model.ParameterLayout;
import org.massmap.model.SigmaDistribution;
import org.massmap.spark.job.SharedSpark;
import org.massmap.training.DsmValidation;
import org.massmap.training.LearningRateSchedule;
import org.massmap.training.ProgressListener;
import org.massmap.training.ShiftedLognormalMaps;
import org.massmap.training.Trainer;
import org.massmap.training.TrainingConfig;
import org.massmap.training.TrainingResult;
import org.massmap.training.TrainingSetup;

/**
 * 2-way data-parallel training on Spark local[2] reaches a held-out DSM loss comparable to
 * single-process training on the same number of sample maps (small network, 32² lognormal maps).
 */
@SharedSpark.Settings("spark.driver.maxResultSize=1g") // Spark's default: each round gathers every partition's state
class SparkDataParallelTrainerTest extends SharedSpark {
    static TrainingSetup setup(int batch) {
        TrainingConfig cfg = TrainingConfig.builder().steps(120).batchSize(batch).cropSize(32)
                .sigma(new SigmaDistribution(SigmaDistribution.Kind.LOG_UNIFORM, 0, 0.004, 0.2))
                .learningRate(new LearningRateSchedule(LearningRateSchedule.Kind.COSINE, 2e-3, 20, 0.05))
                .bnMomentum(0.9).seed(11).progressEvery(1000).validationMaps(0).build();
        return TrainingSetup.of(new NetworkConfig(List.of(8, 16, 32), 1, Activation.RELU), cfg,
                ShiftedLognormalMaps.toy(32, 1.0).theoryCl(), 1.0);
    }

    @Test
    void twoWayDataParallelTrainingMatchesSingleProcessTrainingOnTheSameNumberOfMaps() throws Exception {
        // 2 replicas x 12 rounds x 10 steps x 8 maps = 1920 maps = 120 single-process steps x 16 maps
        DataParallelConfig dp = new DataParallelConfig(2, 12, 10, 2, 0);
        List<RoundStats> seen = new ArrayList<>();
        long t0 = System.nanoTime();
        DataParallelResult parallel = new SparkDataParallelTrainer(jsc, setup(8), () -> ShiftedLognormalMaps.toy(32, 1.0), dp)
                .train(seen::add);
        double sparkSeconds = (System.nanoTime() - t0) * 1e-9;
        TrainingResult single = Trainer.create(setup(16), ShiftedLognormalMaps.toy(32, 1.0), null).run(ProgressListener.none());

        DsmValidation heldOut = DsmValidation.heldOut(setup(8), ShiftedLognormalMaps.toy(32, 1.0), 64, 99);
        DsmValidation.Result p = heldOut.evaluate(parallel.model().network());
        DsmValidation.Result s = heldOut.evaluate(single.model().network());
        ParameterLayout layout = ParameterLayout.of(setup(8).network());
        System.out.printf("held-out DSM loss: Gaussian %.4f, single-process %.4f, 2-way data-parallel %.4f%n",
                s.gaussianLoss(), s.hybridLoss(), p.hybridLoss());
        System.out.printf("data-parallel: %.1f s for %d rounds, single-process %.1f s; params %d, BN stats %d%n",
                sparkSeconds, seen.size(), single.seconds(), layout.parameterCount(), layout.bnStatCount());
        seen.forEach(System.out::println);

        assertEquals(12, seen.size());
        assertEquals(120, seen.get(11).step());
        assertEquals(8 + 4L * (3L * layout.parameterCount() + layout.bnStatCount()), seen.get(0).broadcastBytes());
        assertEquals(8L * (3L * layout.parameterCount() + layout.bnStatCount()), seen.get(0).resultBytes());
        double gainSingle = s.gaussianLoss() - s.hybridLoss();
        double gainParallel = p.gaussianLoss() - p.hybridLoss();
        assertTrue(gainSingle > 0.05 * s.gaussianLoss(), "single-process training learned: " + s);
        assertTrue(gainParallel > 0.7 * gainSingle, "data-parallel gain " + gainParallel + " vs single-process " + gainSingle);
        assertEquals(120, parallel.model().metadata().training().steps());
    }
}
