package org.massmap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input to {@code massmap study --paper-setup}: the data directory missing, a column renamed, a model for another
 * pixel size, stored realisations of other inputs, options that do not go together. Each gives one clear message and a
 * non-zero exit code before any output is written.
 */
class StudyPaperSetupCommandTest {
    @TempDir
    static Path dir;
    /** Galaxies within 4 arcmin of the preset's centre: a valid data directory. */
    static Path small;
    static CosmosTestData data;

    static CommandLineRun study(Path out, String... args) {
        List<String> all = new ArrayList<>(List.of("study", "--paper-setup", "--out", out.toString()));
        all.addAll(List.of(args));
        return CommandLineRun.of(all.toArray(String[]::new));
    }

    @BeforeAll
    static void data() throws Exception {
        data = CosmosTestData.load();
        small = dir.resolve("small");
        assertTrue(data.write(small, 4, 0, "e1") > 1000);
    }

    private static void assertFailsCleanly(int code, CommandLineRun r, Path out, String... mentions) {
        assertEquals(code, r.code(), r.out() + r.err());
        for (String m : mentions) {
            assertTrue(r.err().contains(m), "stderr should mention '" + m + "': " + r.err());
        }
        assertFalse(r.err().contains("internal error"), r.err());
        assertEquals(1, r.err().strip().lines().filter(l -> l.contains("error")).count(), "one message: " + r.err());
        assertFalse(Files.exists(out), "no output may be left behind");
    }

    @Test
    void missingDataDirectory() {
        Path out = dir.resolve("o-missing");
        Path none = dir.resolve("no-such-data");
        assertFailsCleanly(Main.EXIT_FAILED, study(out, "--data", none.toString(), "--no-hybrid"), out, none.toString(), "does not exist");
    }

    @Test
    void renamedColumn() throws Exception {
        Path renamed = dir.resolve("renamed");
        data.write(renamed, 4, 0, "g1");
        Path out = dir.resolve("o-renamed");
        assertFailsCleanly(Main.EXIT_FAILED, study(out, "--data", renamed.toString(), "--no-hybrid"), out,
                renamed.resolve("cosmos_shapes.fits").toString(), "'e1'", "g1");
    }

    @Test
    void modelForAnotherPixelSize() throws Exception {
        Path model = BundledModelCopy.of("demo", dir.resolve("one-arcmin-model"));
        Path out = dir.resolve("o-model");
        assertFailsCleanly(Main.EXIT_FAILED, study(out, "--data", small.toString(), "--model", model.toString()), out,
                model.toString(), "trained at 1 arcmin", "0.29 arcmin pixels", "--no-hybrid");
    }

    @Test
    void storedRealisationsOfOtherInputsAreRefused() throws Exception {
        Path out = dir.resolve("o-stored");
        Path stored = out.resolve("realisations").resolve("r-0000.json");
        Files.createDirectories(stored.getParent());
        Files.writeString(stored, "{\"index\": 0, \"seed\": 7, \"inputs\": {\"seed\": \"7\"}, \"seconds\": 1, \"result\": {\"galaxies\": 1}}");
        CommandLineRun r = study(out, "--data", small.toString(), "--no-hybrid", "--set", "map.size=16");
        assertEquals(Main.EXIT_FAILED, r.code(), r.out() + r.err());
        assertTrue(r.err().contains(stored.toString()) && r.err().contains("seed (stored 7, now 100)")
                && r.err().contains("use another --out"), r.err());
        try (var files = Files.walk(out)) {
            assertEquals(3, files.count(), "nothing written beside the stored file");
        }
    }

    @Test
    void optionsThatDoNotGoTogetherAreUsageErrors() {
        Path out = dir.resolve("o-usage");
        assertFailsCleanly(Main.EXIT_USAGE, study(out, "--calibration"), out, "--paper-setup cannot be combined");
        assertFailsCleanly(Main.EXIT_USAGE, study(out, "--data", small.toString(), "--hybrid-chains", "1"), out,
                "--hybrid-chains must be at least 2");
        CommandLineRun r = CommandLineRun.of("study", "--out", out.toString(), "--data", small.toString());
        assertFailsCleanly(Main.EXIT_USAGE, r, out, "--data is an option of --paper-setup");
    }

    @Test
    void helpDescribesTheMode() {
        CommandLineRun r = CommandLineRun.of("study", "--help");
        assertEquals(0, r.code(), r.err());
        for (String d : new String[] {"--paper-setup", "--hybrid-chains", "Remy et al. (2023)", "DIR/realisations/r-NNNN.json"}) {
            assertTrue(r.out().contains(d), d + " in\n" + r.out());
        }
    }
}
