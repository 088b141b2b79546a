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

/** {@code study --cluster-calibration} end to end on a tiny tile: outputs, resumption, and a bad S/N range. */
@SlowTest
class ClusterCalibrationStudyTest {
    @TempDir
    Path dir;

    private static CommandLineRun study(Path out, String realisations, String... more) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("study", "--cluster-calibration", "--no-hybrid",
                "--realisations", realisations, "--chains", "4", "--set", "map.size=24", "--set", "sampler.levels=3", "--set",
                "sampler.steps-per-level=2", "--set", "sampler.final-steps=2", "--set", "clusters.noise-realisations=4", "--out",
                out.toString()));
        args.addAll(java.util.List.of(more));
        return CommandLineRun.of(args.toArray(new String[0]));
    }

    @Test
    void writesTheReportAndResumesFromFinishedRealisations() throws Exception {
        Path out = dir.resolve("cc");
        CommandLineRun first = study(out, "1");
        assertEquals(0, first.code(), first.out() + first.err());
        for (String f : new String[] {"cluster_calibration.md", "cluster_calibration.json", "gaussian/r-0000.json",
                "gaussian/cluster_fpr.png", "gaussian/cluster_detection.png"}) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        long before = Files.getLastModifiedTime(out.resolve("gaussian/r-0000.json")).toMillis();
        CommandLineRun more = study(out, "2");
        assertEquals(0, more.code(), more.out() + more.err());
        assertEquals(before, Files.getLastModifiedTime(out.resolve("gaussian/r-0000.json")).toMillis(), "finished realisations are reused");
        assertTrue(more.out().contains("realisation 2/2") && !more.out().contains("realisation 1/2"), more.out());
        JsonNode json = JsonFiles.readTree(out.resolve("cluster_calibration.json"));
        assertEquals(2, json.get("gaussian").get("realisations").asInt());
        assertEquals(10, json.get("gaussian").get("product").get("halo_free").size());
        assertTrue(Files.readString(out.resolve("cluster_calibration.md")).contains("| f ≥ |"));
    }

    @Test
    void anEmptySnrRangeIsAUsageError() {
        Path out = dir.resolve("bad");
        CommandLineRun r = study(out, "1", "--snr-min", "5", "--snr-max", "2");
        assertEquals(Main.EXIT_USAGE, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("--snr-min"), r.err());
        assertFalse(Files.exists(out));
    }
}
