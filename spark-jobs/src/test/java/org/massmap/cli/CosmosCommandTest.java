package org.massmap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input to {@code massmap cosmos}: the data directory missing, a column renamed, a model for
 * another pixel size, no bundled model for the tile's pixel size, a catalog outside the tile. Each
 * gives one clear message, exit code 1 (2 for a bad setting), and writes nothing: every check runs
 * before the output directory is created and before Spark starts.
 */
class CosmosCommandTest {
    @TempDir
    static Path dir;
    /** Galaxies within 4 arcmin of the preset's centre: a valid data directory. */
    static Path small;
    static CosmosTestData data;



    static CommandLineRun cosmos(Path out, String... args) {
        List<String> all = new ArrayList<>(List.of("cosmos", "--out", out.toString()));
        all.addAll(List.of(args));
        return CommandLineRun.of(all.toArray(String[]::new));
    }

    @BeforeAll
    static void data() throws Exception {
        data = CosmosTestData.load();
        small = dir.resolve("small");
        assertTrue(data.write(small, 4, 0, "e1") > 1000);
    }

    private static void assertFailsCleanly(int code, CommandLineRun r, Path out, String... mentions) throws Exception {
        assertEquals(code, r.code(), r.out() + r.err());
        for (String m : mentions) {
            assertTrue(r.err().contains(m), "stderr should mention '" + m + "': " + r.err());
        }
        assertFalse(r.err().contains("internal error"), r.err());
        assertEquals(1, r.err().strip().lines().filter(l -> l.contains("error")).count(), "one message: " + r.err());
        assertFalse(r.out().contains("Spark "), "refused before Spark starts: " + r.out());
        assertFalse(Files.exists(out), "no output may be left behind");
    }

    @Test
    void missingDataDirectory() throws Exception {
        Path out = dir.resolve("o-missing");
        Path none = dir.resolve("no-such-data");
        assertFailsCleanly(Main.EXIT_FAILED, cosmos(out, "--data", none.toString(), "--prior", "gaussian"), out,
                none.toString(), "does not exist");
    }

    @Test
    void dataDirectoryWithoutTheCatalog() throws Exception {
        Path partial = dir.resolve("only-clusters");
        Files.createDirectories(partial);
        Files.copy(CosmosTestData.DATA.resolve(CosmosInputs.XRAY), partial.resolve(CosmosInputs.XRAY));
        Path out = dir.resolve("o-partial");
        assertFailsCleanly(Main.EXIT_FAILED, cosmos(out, "--data", partial.toString(), "--prior", "gaussian"), out,
                partial.toString(), "has no cosmos_shapes.fits");
    }

    @Test
    void renamedColumn() throws Exception {
        Path renamed = dir.resolve("renamed");
        data.write(renamed, 4, 0, "g1");
        Path out = dir.resolve("o-renamed");
        assertFailsCleanly(Main.EXIT_FAILED, cosmos(out, "--data", renamed.toString(), "--prior", "gaussian"), out,
                renamed.resolve("cosmos_shapes.fits").toString(), "'e1'", "g1");
    }

    @Test
    void modelForAnotherPixelSize() throws Exception {
        Path model = BundledModelCopy.of("demo", dir.resolve("one-arcmin-model"));
        Path out = dir.resolve("o-model");
        assertFailsCleanly(Main.EXIT_FAILED, cosmos(out, "--data", small.toString(), "--model", model.toString()), out,
                "sampler.model", model.toString(), "trained at 1 arcmin", "0.29 arcmin pixels");
    }

    @Test
    void noBundledModelForThePixelSize() throws Exception {
        Path out = dir.resolve("o-bundled");
        assertFailsCleanly(Main.EXIT_FAILED, cosmos(out, "--data", small.toString(), "--prior", "hybrid", "--pixel-arcmin", "0.5"), out,
                "no bundled model was trained at 0.5", "--prior gaussian");
    }

    @Test
    void catalogOutsideTheTile() throws Exception {
        Path moved = dir.resolve("moved");
        data.write(moved, 4, 5, "e1");
        Path out = dir.resolve("o-moved");
        assertFailsCleanly(Main.EXIT_FAILED, cosmos(out, "--data", moved.toString(), "--prior", "gaussian"), out,
                "none of its", "falls on the tile", "the catalog lies around RA,Dec 155.1");
    }

    @Test
    void badPriorChoiceIsAUsageError() throws Exception {
        Path out = dir.resolve("o-prior");
        assertFailsCleanly(Main.EXIT_USAGE, cosmos(out, "--data", small.toString(), "--prior", "hybird"), out, "cosmos.priors",
                "gaussian, hybrid, both");
    }

    @Test
    void dataDirectoryDefaultsToTheCheckoutsDataCosmos() {
        assertEquals(Path.of("/opt/massmap/data/cosmos"), CosmosInputs.dataDirectory("", "/opt/massmap"));
        assertEquals(Path.of("/elsewhere").toAbsolutePath(), CosmosInputs.dataDirectory(" /elsewhere ", "/opt/massmap"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CosmosInputs.dataDirectory("", null));
        assertTrue(e.getMessage().contains("massmap.home") && e.getMessage().contains("--data"), e.getMessage());
    }

    @Test
    void helpShowsThePresetsValues() {
        CommandLineRun r = CommandLineRun.of("cosmos", "--help");
        assertEquals(0, r.code(), r.err());
        for (String d : new String[] {"Samples per prior (default 64)", "(default 360)", "(default 0.29)", "(default both)"}) {
            assertTrue(r.out().contains(d), d + " in\n" + r.out());
        }
        assertTrue(CommandLineRun.of("--help").out().contains("cosmos"));
    }
}
