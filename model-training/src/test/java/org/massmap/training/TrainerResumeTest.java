package org.massmap.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massmap.model.Activation;
import org.massmap.model.ModelFileException;
import org.massmap.model.ModelFiles;
import org.massmap.model.NetworkConfig;
import org.massmap.model.SigmaDistribution;

class TrainerResumeTest {
    static final ShiftedLognormalMaps MAPS = ShiftedLognormalMaps.toy(16, 1.0);

    static TrainingSetup setup(int steps) {
        TrainingConfig cfg = TrainingConfig.builder().steps(steps).batchSize(4).cropSize(16)
                .sigma(new SigmaDistribution(SigmaDistribution.Kind.LOG_UNIFORM, 0, 0.005, 0.2))
                .learningRate(new LearningRateSchedule(LearningRateSchedule.Kind.COSINE, 2e-3, 2, 0.1))
                .bnMomentum(0.9).seed(3).checkpointEvery(4).progressEvery(1).validationMaps(0).build();
        return TrainingSetup.of(new NetworkConfig(List.of(4, 8, 8), 1, Activation.RELU), cfg, MAPS.theoryCl(), 1.0);
    }

    static void assertSameState(TrainingState a, TrainingState b) {
        assertEquals(a.step(), b.step());
        assertArrayEquals(a.parameters(), b.parameters());
        assertArrayEquals(a.bnStats(), b.bnStats());
        assertArrayEquals(a.adamM(), b.adamM());
        assertArrayEquals(a.adamV(), b.adamV());
    }

    /** The replica average of {@code replicas} identical copies of s, through the state vectors as data-parallel rounds do it. */
    static TrainingState averageOfCopies(TrainingState s, int replicas) {
        double[] sum = s.toVector();
        for (int i = 0; i < sum.length; i++) {
            sum[i] *= replicas;
        }
        return TrainingState.average(sum, replicas, s.step(), s.parameters().length, s.bnStats().length);
    }

    @Test
    void aRunResumedAfterACrashEqualsTheUninterruptedRunBitForBit(@TempDir Path tmp) throws Exception {
        Trainer whole = Trainer.create(setup(8), MAPS, tmp.resolve("a"));
        TrainingResult a = whole.run(ProgressListener.none());

        Trainer crashing = Trainer.create(setup(8), MAPS, tmp.resolve("b"));
        assertThrows(IllegalStateException.class, () -> crashing.run(p -> {
            if (p.step() == 6) {
                throw new IllegalStateException("simulated crash");
            }
        }));
        assertTrue(Trainer.hasCheckpoint(tmp.resolve("b")));
        Trainer resumed = Trainer.resume(tmp.resolve("b"), MAPS);
        assertEquals(4, resumed.step());
        TrainingResult b = resumed.run(ProgressListener.none());

        assertSameState(whole.state(), resumed.state());
        assertEquals(a.history(), b.history());
        assertEquals(8, b.history().size());
        assertEquals(a.model().weights().sha256(), b.model().weights().sha256());
        // the final checkpoint holds a loadable model
        assertTrue(Files.isDirectory(tmp.resolve("a").resolve("step-000000000008").resolve("model")));
        assertEquals(a.model().weights().sha256(),
                ModelFiles.load(tmp.resolve("a").resolve("step-000000000008").resolve("model")).weights().sha256());
    }

    @Test
    void stateRoundTripsAndIdenticalReplicasAverageToThemselves() {
        Trainer t = Trainer.create(setup(4), MAPS, null);
        t.trainSteps(2, 42);
        TrainingState s = t.state();
        TrainingState avg = averageOfCopies(s, 2);
        assertSameState(s, avg);
        Trainer u = Trainer.create(setup(4), MAPS, null);
        u.setState(s);
        t.trainSteps(1, 7);
        u.trainSteps(1, 7);
        assertSameState(t.state(), u.state());
    }

    @Test
    void aResumedRunCanBeGivenANewTotalOfSteps(@TempDir Path tmp) throws Exception {
        Trainer first = Trainer.create(setup(8), MAPS, tmp);
        assertThrows(IllegalStateException.class, () -> first.run(p -> {
            if (p.step() == 5) {
                throw new IllegalStateException("stopped");
            }
        }));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Trainer.resume(tmp, MAPS, 4));
        assertTrue(e.getMessage().contains("already at step 4"), e.getMessage());
        Trainer shorter = Trainer.resume(tmp, MAPS, 6);
        assertEquals(6, shorter.setup().training().steps());
        TrainingResult r = shorter.run(ProgressListener.none());
        assertEquals(6, r.history().size());
        assertEquals(6, shorter.step());
    }

    @Test
    void resumingWithoutACheckpointIsAClearError(@TempDir Path tmp) {
        ModelFileException e = assertThrows(ModelFileException.class, () -> Trainer.resume(tmp, MAPS));
        assertTrue(e.getMessage().contains("no checkpoint"), e.getMessage());
    }

    @Test
    void aWarmStartContinuesFromTheModelsWeightsAndRecordsIt(@TempDir Path tmp) throws Exception {
        TrainingResult first = Trainer.create(setup(4), MAPS, null).run(ProgressListener.none());
        TrainingSetup second = setup(6).withTraining(setup(6).training().toBuilder().seed(4).build());
        Trainer warm = Trainer.warmStart(second, MAPS, tmp.resolve("warm"), first.model());
        assertEquals(0, warm.step());
        assertArrayEquals(first.model().weights().parameters(), warm.state().parameters(), "starts from the model's weights");
        assertArrayEquals(new float[warm.state().adamM().length], warm.state().adamM(), "with a fresh optimiser");
        assertTrue(warm.initialisedFrom().contains(first.model().metadata().weightsSha256()), warm.initialisedFrom());

        assertThrows(IllegalStateException.class, () -> warm.run(p -> {
            if (p.step() == 5) {
                throw new IllegalStateException("simulated crash");
            }
        }));
        Trainer resumed = Trainer.resume(tmp.resolve("warm"), MAPS);
        TrainingResult done = resumed.run(ProgressListener.none());
        assertEquals(warm.initialisedFrom(), done.model().metadata().training().initialisedFrom(), "kept across a resume");
        assertEquals(6, done.model().metadata().training().steps(), "steps count this run only");
        assertEquals(null, first.model().metadata().training().initialisedFrom());

        TrainingSetup wider = TrainingSetup.of(new NetworkConfig(List.of(4, 8, 16), 1, Activation.RELU), second.training(),
                MAPS.theoryCl(), 1.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Trainer.warmStart(wider, MAPS, null, first.model()));
        assertTrue(e.getMessage().contains("network"), e.getMessage());
    }
}
