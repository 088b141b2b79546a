package org.massmap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The train command end to end on a tiny network, then the survey job with the hybrid prior of that
 * model, and the clear errors of a model used at the wrong pixel size or with a σ_max outside its
 * trained range.
 */
@org.massmap.testing.SlowTest
class TrainAndHybridSampleTest {



    @Test
    void tinyModelTrainsAndDrivesTheSurveyJob(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("model");
        String[] tiny = {"--set", "training.channels=[4,8]", "--set", "training.crop-size=16", "--set", "training.maps.size=32",
            "--set", "training.validation-maps=2", "--set", "training.checkpoint-every=3", "--set", "training.batch-size=2",
            "--set", "training.warmup-steps=1", "--pixel-arcmin", "2"};
        CommandLineRun t = CommandLineRun.of(concat(new String[] {"train", "--out", model.toString(), "--steps", "6"}, tiny));
        assertEquals(0, t.code(), t.out() + t.err());
        for (String f : new String[] {"model.json", "weights.bin", "loss_curve.png", "training.json"}) {
            assertTrue(Files.isRegularFile(model.resolve(f)), f);
        }

        Path survey = dir.resolve("survey");
        CommandLineRun s = CommandLineRun.of("simulate", "survey", "--out", survey.toString(), "--set", "survey.size=24", "--set", "survey.pixel-arcmin=2",
                "--set", "survey.galaxies-per-arcmin2=5");
        assertEquals(0, s.code(), s.err());
        String[] sampling = {"--catalog", survey.resolve("catalog.fits").toString(), "--prior", "hybrid", "--model", model.toString(),
            "--chains", "2", "--tiling", "single", "--size", "16", "--set", "sampler.levels=3", "--set", "sampler.steps-per-level=1",
            "--set", "sampler.final-steps=1", "--set", "clusters.noise-realisations=4", "--set", "job.min-galaxies=10"};
        Path out = dir.resolve("maps");
        CommandLineRun ok = CommandLineRun.of(concat(new String[] {"sample", "--out", out.toString(), "--pixel-arcmin", "2"}, sampling));
        assertEquals(0, ok.code(), ok.out() + ok.err());
        assertTrue(ok.out().contains("hybrid"), ok.out());
        assertTrue(Files.isRegularFile(out.resolve("manifest.json")));
        assertTrue(Files.readString(out.resolve("manifest.json")).contains("\"sha256\""));

        Path wrong = dir.resolve("wrong");
        CommandLineRun pixel = CommandLineRun.of(concat(new String[] {"sample", "--out", wrong.toString(), "--pixel-arcmin", "1"}, sampling));
        assertEquals(Main.EXIT_FAILED, pixel.code());
        assertTrue(pixel.err().contains("trained at 2 arcmin") || pixel.err().contains("trained at 2.000 arcmin"), pixel.err());
        assertFalse(Files.exists(wrong), "no output for a refused run");

        CommandLineRun sigma = CommandLineRun.of(concat(new String[] {"sample", "--out", wrong.toString(), "--pixel-arcmin", "2", "--set",
            "sampler.sigma-max=5"}, sampling));
        assertEquals(Main.EXIT_FAILED, sigma.code(), sigma.out());
        assertTrue(sigma.err().contains("sigma-max"), sigma.err());
    }

    static String[] concat(String[] a, String[] b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
