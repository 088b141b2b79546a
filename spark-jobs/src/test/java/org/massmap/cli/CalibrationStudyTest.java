package org.massmap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massmap.io.JsonFiles;
import org.massmap.testing.SlowTest;

/** {@code study --calibration} end to end on a tiny tile: outputs, resumption, and a bad sample count. */
@SlowTest
class CalibrationStudyTest {
    @TempDir
    Path dir;

    private static CommandLineRun study(Path out, String realisations, String chains) {
        return CommandLineRun.of("study", "--calibration", "--no-hybrid", "--realisations", realisations, "--chains", chains,
                "--set", "map.size=16", "--set", "sampler.levels=5", "--set", "sampler.final-steps=5", "--out", out.toString());
    }

    @Test
    void writesRankHistogramsAndResumesFromFinishedRealisations() throws Exception {
        Path out = dir.resolve("sbc");
        CommandLineRun first = study(out, "2", "7");
        assertEquals(0, first.code(), first.out() + first.err());
        for (String f : new String[] {"calibration.md", "calibration.json", "calibration_gaussian.png", "gaussian/r-0000.json",
                "gaussian/r-0001.json"}) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        JsonNode json = JsonFiles.readTree(out.resolve("calibration.json"));
        assertEquals(2, json.get("gaussian").get("realisations").asInt());
        assertEquals(18, json.get("gaussian").get("statistics").size());
        assertEquals(2, json.get("gaussian").get("per_realisation").size());
        long before = Files.getLastModifiedTime(out.resolve("gaussian/r-0000.json")).toMillis();
        CommandLineRun more = study(out, "3", "7");
        assertEquals(0, more.code(), more.out() + more.err());
        assertEquals(before, Files.getLastModifiedTime(out.resolve("gaussian/r-0000.json")).toMillis(), "finished realisations are reused");
        assertTrue(more.out().contains("realisation 3/3") && !more.out().contains("realisation 1/3"), more.out());
        assertEquals(3, JsonFiles.readTree(out.resolve("calibration.json")).get("gaussian").get("realisations").asInt());
    }

    @Test
    void aSampleCountWhoseRanksCannotBeBinnedIsAUsageError() {
        Path out = dir.resolve("bad");
        CommandLineRun r = study(out, "2", "6");
        assertEquals(Main.EXIT_USAGE, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("--chains 6") && r.err().contains("31"), r.err());
        assertFalse(Files.exists(out));
    }
}
