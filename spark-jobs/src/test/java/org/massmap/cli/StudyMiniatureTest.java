package org.massmap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A miniature of the validation study (docs/validation.md): two small realisations, both priors. */
@org.massmap.testing.SlowTest
class StudyMiniatureTest {

    @Test
    void miniatureStudyWritesTheReportAndFigures(@TempDir Path dir) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"study", "--conf", Path.of("..", "conf", "presets", "study.conf").toString(),
            "--out", dir.toString(), "--realisations", "2", "--chains", "4", "--set", "map.size=32", "--set", "survey.size=32",
            "--set", "sampler.levels=4", "--set", "sampler.steps-per-level=2", "--set", "sampler.final-steps=2",
            "--set", "clusters.noise-realisations=4"},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, code, out + "\n" + err);
        String md = Files.readString(dir.resolve("validation.md"));
        for (String row : new String[] {"| Kaiser-Squires |", "| Wiener filter |", "posterior mean, gaussian prior",
            "posterior mean, hybrid prior", "samples, hybrid prior", "| truth |", "Injected halos inside the footprint",
            "(chosen on 4 separate realisations)", "(area fraction)", "(effective area fraction",
            "| RMSE, Monte-Carlo excess removed |", "Each posterior mean averages N = 4 samples"}) {
            assertTrue(md.contains(row), "validation.md lacks " + row + ":\n" + md);
        }
        for (String f : new String[] {"fig1.png", "fig2.png", "posterior_std.png", "cluster_frequency.png", "power_spectra.png",
            "coverage.png", "detection.png", "one_point.png", "study.json"}) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), f);
        }
        com.fasterxml.jackson.databind.JsonNode json = org.massmap.io.JsonFiles.readTree(dir.resolve("study.json"));
        assertEquals(4, json.get("ks_smoothing").get("realisations").asInt(), json.toString());
        for (String key : new String[] {"kaiser_squires_smoothed", "wiener", "gaussian", "hybrid"}) {
            assertTrue(json.get("spectra").get("ratio").has(key), key);
            assertTrue(json.get("realisations").get(0).get("spectra").get("estimates").has(key), key);
        }
        com.fasterxml.jackson.databind.JsonNode first = json.get("realisations").get(0);
        for (com.fasterxml.jackson.databind.JsonNode m : first.get("methods")) {
            double rmse = m.get("rmse").asDouble();
            double corrected = m.get("rmseMcCorrected").asDouble();
            assertTrue(corrected >= 0 && corrected <= rmse && m.get("mcExcessMse").asDouble() > 0, m.toString());
            com.fasterxml.jackson.databind.JsonNode agreement = first.get("agreement").get(m.get("name").asText());
            assertEquals(agreement.get("scalesArcmin").size(), agreement.get("rmseMcCorrected").size(), agreement.toString());
        }
        assertTrue(first.get("agreement").get("wiener").get("rmseMcCorrected").isNull(), "no samples, no correction");
    }

    @Test
    void theRemovedHaloKeysAreRefusedBeforeAnyOutput(@TempDir Path dir) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path target = dir.resolve("mock");
        int code = Main.run(new String[] {"simulate", "survey", "--out", target.toString(), "--set", "survey.halos.per-deg2=40"},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertTrue(code != 0, "exit code " + code);
        assertTrue(err.toString().contains("survey.halos.per-deg2") && err.toString().contains("survey.halos = true|false"), err.toString());
        assertTrue(!Files.exists(target), "no partial output");
    }
}
