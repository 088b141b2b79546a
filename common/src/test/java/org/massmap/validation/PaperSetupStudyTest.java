package org.massmap.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massmap.catalog.GalaxyChunk;
import org.massmap.config.ConfigLoader;
import org.massmap.config.Settings;
import org.massmap.config.TheoryConfig;
import org.massmap.grid.SkyPoint;
import org.massmap.grid.TangentPlane;
import org.massmap.io.JsonFiles;
import org.massmap.pipeline.PriorModel;

/**
 * The paper-set-up study on a tiny tile with a synthetic catalog (Gaussian truths, Gaussian prior, a few short chains):
 * report and JSON written, realisations stored and reused on a rerun, a directory of other inputs refused before any work.
 */
class PaperSetupStudyTest {
    static final SkyPoint CENTRE = new SkyPoint(150, 2);

    static Settings settings(int chains) {
        Map<String, String> set = new LinkedHashMap<>();
        set.put("map.size", "20");
        set.put("map.center", "\"150,2\"");
        set.put("map.sigma-e", "0.3");
        set.put("survey.halos", "false");
        set.put("sampler.chains", Integer.toString(chains));
        set.put("sampler.levels", "3");
        set.put("sampler.steps-per-level", "1");
        set.put("sampler.final-steps", "1");
        set.put("clusters.noise-realisations", "2");
        return new Settings(ConfigLoader.load(null, set));
    }

    /** 8,000 galaxies uniform over a square 1.2 times the 20′ tile, ellipticities with |e| &lt; 0.9, weights in [0.5, 2]. */
    static GalaxyChunk catalog() {
        SplittableRandom rng = new SplittableRandom(11);
        TangentPlane plane = new TangentPlane(CENTRE);
        double half = 0.6 * 20 * Math.toRadians(1.0 / 60);
        GalaxyChunk c = new GalaxyChunk(8000);
        for (int i = 0; i < 8000; i++) {
            SkyPoint p = plane.deproject((2 * rng.nextDouble() - 1) * half, (2 * rng.nextDouble() - 1) * half);
            double mod = 0.9 * Math.sqrt(rng.nextDouble());
            double angle = 2 * Math.PI * rng.nextDouble();
            c.add(p.raDeg(), p.decDeg(), mod * Math.cos(angle), mod * Math.sin(angle), 0.5 + 1.5 * rng.nextDouble());
        }
        return c;
    }

    static PaperSetupStudy study(int chains) throws Exception {
        Settings s = settings(chains);
        return new PaperSetupStudy(s, catalog(), List.of(new StudyRealisation.Method("gaussian", PriorModel.gaussian())),
                TheoryConfig.priorSpectrum(s), 100);
    }

    @Test
    void writesTheReportStoresTheRealisationsAndReusesThem(@TempDir Path dir) throws Exception {
        PaperSetupStudy study = study(3);
        assertTrue(study.galaxies() > 4000 && study.outside() > 0, study.galaxies() + " on the tile, " + study.outside() + " off");
        StringWriter console = new StringWriter();
        study.run(dir, 2, null, "./massmap study --paper-setup", new PrintWriter(console, true));
        String md = Files.readString(dir.resolve("validation.md"));
        for (String s : new String[] {"## Beside the reference's Table 1", "Remy et al. 2023, A&A 672, A51",
            "| 0.0231 | 0.61 | – |", "| posterior mean, gaussian prior |", "| DeepMass (reference only) |", "seeds 100–101",
            "Paired against the Wiener filter", "Monte-Carlo excess removed: mean difference", "| gaussian | "}) {
            assertTrue(md.contains(s), "validation.md lacks " + s + ":\n" + md);
        }
        for (String f : new String[] {"realisations/r-0000.json", "realisations/r-0001.json", "study.json", "fig1.png", "coverage.png"}) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), f);
        }
        JsonNode json = JsonFiles.readTree(dir.resolve("study.json"));
        assertEquals(2, json.get("realisations").size());
        assertEquals(2, json.get("paired_against_wiener").get("gaussian").get("rmse_mc_corrected").get("pairs").asInt());
        assertEquals(0.0216, json.get("reference_comparison").get("reference").get(2).get("rmse").asDouble(), 0);
        JsonNode first = JsonFiles.readTree(dir.resolve("realisations/r-0000.json"));
        assertEquals(100, first.get("seed").asLong());
        assertEquals("3", first.get("inputs").get("sampler.chains").asText());

        // a rerun reuses both realisations and reports the same numbers
        StringWriter again = new StringWriter();
        study(3).run(dir, 2, null, "./massmap study --paper-setup", new PrintWriter(again, true));
        assertTrue(again.toString().contains("realisation 1/2: reused r-0000.json") && again.toString().contains("reused r-0001.json"),
                again.toString());
        assertEquals(json.get("realisations"), JsonFiles.readTree(dir.resolve("study.json")).get("realisations"));
    }

    @Test
    void storedRealisationsOfOtherInputsAreRefusedBeforeAnyWork(@TempDir Path dir) throws Exception {
        study(2).run(dir, 1, null, "x", new PrintWriter(new StringWriter(), true));
        study(2).checkExisting(dir); // the same inputs pass
        PaperSetupStudy other = study(3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> other.checkExisting(dir));
        assertTrue(e.getMessage().contains("r-0000.json") && e.getMessage().contains("sampler.chains (stored 2, now 3)"), e.getMessage());
    }
}
