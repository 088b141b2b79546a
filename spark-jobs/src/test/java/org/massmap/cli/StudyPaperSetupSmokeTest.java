package org.massmap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massmap.io.JsonFiles;

/**
 * {@code massmap study --paper-setup} end to end on a subset of the real catalog (the galaxies within 4′ of the preset's
 * centre) on a 32² tile of 0.29′: two realisations, both priors with a few short chains; the report beside the reference's
 * Table 1, the paired comparison, the stored realisations, and a rerun that reuses them.
 */
@org.massmap.testing.SlowTest
class StudyPaperSetupSmokeTest {

    static String[] args(Path data, Path out) {
        return new String[] {"study", "--paper-setup", "--out", out.toString(), "--data", data.toString(), "--realisations", "2",
            "--chains", "3", "--hybrid-chains", "2", "--set", "map.size=32", "--set", "sampler.levels=2", "--set",
            "sampler.steps-per-level=1", "--set", "sampler.final-steps=1", "--set", "clusters.noise-realisations=2"};
    }

    @Test
    void subsetOfTheFieldRunsAndResumes(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        int galaxies = CosmosTestData.load().write(data, 4, 0, "e1");
        Path out = dir.resolve("out");
        CommandLineRun first = CommandLineRun.of(args(data, out));
        assertEquals(0, first.code(), first.out() + first.err());
        String md = Files.readString(out.resolve("validation.md"));
        for (String row : new String[] {"## Beside the reference's Table 1", "| Wiener filter |", "| 0.0231 | 0.61 | – |",
            "| posterior mean, gaussian prior |", "| posterior mean, hybrid prior |", "| 0.0216 | 0.68 | -6.5% |",
            "3 (gaussian), 2 (hybrid) posterior samples per method and realisation", "| gaussian | ", "| hybrid | ",
            "Observed with the " + galaxies + " galaxies"}) {
            assertTrue(md.contains(row), "validation.md lacks " + row + ":\n" + md);
        }
        JsonNode json = JsonFiles.readTree(out.resolve("study.json"));
        assertEquals(2, json.get("realisations").size());
        for (JsonNode r : json.get("realisations")) {
            assertEquals(galaxies, r.get("galaxies").asInt(), "every galaxy of the subset lies on the 9.3′ tile");
            for (JsonNode m : r.get("methods")) {
                assertTrue(m.get("rmseMcCorrected").asDouble() <= m.get("rmse").asDouble(), m.toString());
            }
        }
        assertTrue(json.get("paired_against_wiener").has("hybrid"), json.get("paired_against_wiener").toString());
        for (String f : new String[] {"realisations/r-0000.json", "realisations/r-0001.json", "fig1.png", "power_spectra.png"}) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }

        CommandLineRun again = CommandLineRun.of(args(data, out));
        assertEquals(0, again.code(), again.out() + again.err());
        assertTrue(again.out().contains("reused r-0000.json") && again.out().contains("reused r-0001.json"), again.out());
        assertEquals(json.get("realisations"), JsonFiles.readTree(out.resolve("study.json")).get("realisations"));
    }
}
