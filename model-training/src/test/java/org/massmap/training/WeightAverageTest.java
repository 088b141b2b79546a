package org.massmap.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.util.Map;
import org.massmap.config.ConfigLoader;
import org.massmap.config.SettingException;
import org.massmap.config.Settings;
import org.massmap.model.ModelFiles;

class WeightAverageTest {
    private static final double DECAY = 0.6;

    private static TrainingSetup setup(int steps, double decay) {
        TrainingSetup s = TrainerResumeTest.setup(steps);
        return s.withTraining(s.training().toBuilder().emaDecay(decay).build());
    }

    @Test
    void theWarmUpFactorCapsTheDecayEarlyAndTheDecayLater() {
        assertEquals(2.0 / 11, WeightAverage.beta(1, 0.999), 1e-15);
        assertEquals(0.5, WeightAverage.beta(8, 0.999), 1e-15);
        assertEquals(0.999, WeightAverage.beta(100_000, 0.999), 1e-15);
        assertEquals(0.6, WeightAverage.beta(100, 0.6), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> WeightAverage.beta(0, 0.9));
    }

    @Test
    void theModelHoldsTheMovingAverageOfTheWeightsAfterEachStep() {
        Trainer t = Trainer.create(setup(6, DECAY), TrainerResumeTest.MAPS, null);
        double[] expected = toDouble(t.state().parameters()); // the average starts at the initial weights
        for (int step = 1; step <= 6; step++) {
            t.trainSteps(1, 100 + step);
            float[] p = t.state().parameters();
            double beta = Math.min(DECAY, (1.0 + step) / (10.0 + step));
            for (int i = 0; i < p.length; i++) {
                expected[i] = beta * expected[i] + (1 - beta) * p[i];
            }
        }
        float[] average = t.state().average();
        float[] published = t.model().weights().parameters();
        float[] live = t.state().parameters();
        assertArrayEquals(average, published, "the model is the average");
        assertFalse(java.util.Arrays.equals(live, published), "not the last step's weights");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], average[i], 1e-6 * (1 + Math.abs(expected[i])), "parameter " + i);
        }
        assertEquals(DECAY, t.model().metadata().training().emaDecay());
    }

    @Test
    void withoutADecayTheModelIsTheLastWeightsAndNoAverageIsKept() {
        Trainer t = Trainer.create(setup(3, 0), TrainerResumeTest.MAPS, null);
        t.trainSteps(3, 5);
        assertFalse(t.state().hasAverage());
        assertArrayEquals(t.state().parameters(), t.model().weights().parameters());
        assertEquals(0, t.model().metadata().training().emaDecay());
    }

    @Test
    void aResumedRunContinuesTheAverageBitForBitAndCheckpointsKeepTheLiveWeights(@TempDir Path tmp) throws Exception {
        Trainer whole = Trainer.create(setup(8, DECAY), TrainerResumeTest.MAPS, tmp.resolve("a"));
        TrainingResult a = whole.run(ProgressListener.none());

        Trainer crashing = Trainer.create(setup(8, DECAY), TrainerResumeTest.MAPS, tmp.resolve("b"));
        assertThrows(IllegalStateException.class, () -> crashing.run(p -> {
            if (p.step() == 6) {
                throw new IllegalStateException("simulated crash");
            }
        }));
        Path checkpoint = tmp.resolve("b").resolve("step-000000000004");
        assertTrue(Files.exists(checkpoint.resolve("average.bin")));
        Trainer resumed = Trainer.resume(tmp.resolve("b"), TrainerResumeTest.MAPS);
        TrainingResult b = resumed.run(ProgressListener.none());

        TrainerResumeTest.assertSameState(whole.state(), resumed.state());
        assertArrayEquals(whole.state().average(), resumed.state().average());
        assertEquals(a.model().weights().sha256(), b.model().weights().sha256());
        Path last = tmp.resolve("a").resolve("step-000000000008").resolve("model");
        assertArrayEquals(whole.state().parameters(), ModelFiles.load(last).weights().parameters(),
                "a checkpoint's model holds the live weights, which a resumed run continues from");
        assertNotEquals(a.model().weights().sha256(), ModelFiles.load(last).weights().sha256());
    }

    @Test
    void aTruncatedCheckpointFileIsAClearErrorNamingIt(@TempDir Path tmp) throws Exception {
        Trainer t = Trainer.create(setup(4, DECAY), TrainerResumeTest.MAPS, tmp);
        t.trainSteps(2, 9);
        Path checkpoint = t.checkpoint();
        for (String name : new String[] {"average.bin", "optimizer.bin"}) {
            Path file = checkpoint.resolve(name);
            byte[] whole = Files.readAllBytes(file);
            Files.write(file, java.util.Arrays.copyOf(whole, whole.length - 4));
            org.massmap.model.ModelFileException e = assertThrows(org.massmap.model.ModelFileException.class,
                    () -> Trainer.resume(tmp, TrainerResumeTest.MAPS));
            assertTrue(e.getMessage().contains(name) && e.getMessage().contains("truncated"), e.getMessage());
            Files.write(file, whole);
        }
        assertEquals(2, Trainer.resume(tmp, TrainerResumeTest.MAPS).step(), "the restored files read back");
    }

    @Test
    void replicaAveragingCarriesTheWeightAverage() {
        Trainer t = Trainer.create(setup(4, DECAY), TrainerResumeTest.MAPS, null);
        t.trainSteps(2, 42);
        TrainingState s = t.state();
        assertTrue(s.hasAverage());
        TrainingState avg = TrainerResumeTest.averageOfCopies(s, 3);
        TrainerResumeTest.assertSameState(s, avg);
        assertArrayEquals(s.average(), avg.average());
    }

    @Test
    void aDecayOfOneOrMoreIsRefusedNamingTheKey() {
        assertEquals(0.999, TrainingSettings.from(new Settings(ConfigLoader.load(null, Map.of("training.ema-decay", "0.999"))))
                .training().emaDecay());
        SettingException e = assertThrows(SettingException.class,
                () -> TrainingSettings.from(new Settings(ConfigLoader.load(null, Map.of("training.ema-decay", "1")))));
        assertTrue(e.getMessage().contains("training.ema-decay"), e.getMessage());
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
