package org.massmap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A misspelt key or a value of the wrong type, from any source (--set, --conf, an option), stops the
 * command before any work with exit code 2 and a message naming the key, what set it and the fix.
 * Each case is run through the command-line entry point; the controls run the same command with
 * the value spelt right.
 */
class ConfigurationErrorsTest {
    @TempDir
    Path dir;



    /** {@code massmap theory} on a short ell range (about a second) plus the given arguments. */
    private CommandLineRun theory(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("theory", "--out", out.toString(), "--points", "3", "--ell-min", "100",
                "--ell-max", "1000", "--nonlinear", "none"));
        args.addAll(List.of(more));
        return CommandLineRun.of(args.toArray(String[]::new));
    }

    private static void assertUsageError(CommandLineRun r, Path out, String... mentions) {
        assertEquals(Main.EXIT_USAGE, r.code(), r.out() + r.err());
        for (String m : mentions) {
            assertTrue(r.err().contains(m), "stderr should mention '" + m + "': " + r.err());
        }
        assertFalse(r.err().contains("internal error") || r.err().contains("\tat "), r.err());
        assertFalse(Files.exists(out), "nothing was run, nothing written");
    }

    @Test
    void anUnknownKeyFromSetIsAUsageErrorWithASuggestion() {
        Path out = dir.resolve("cl.txt");
        assertUsageError(theory(out, "--set", "nonsense.key=1"), out, "unknown configuration key nonsense.key",
                "(--set nonsense.key=1)", "conf/massmap.conf");
        assertUsageError(theory(out, "--set", "sampler.levelz=40"), out, "sampler.levelz", "(--set sampler.levelz=40)",
                "did you mean sampler.levels?");
        CommandLineRun control = theory(out, "--set", "sampler.levels=40");
        assertEquals(0, control.code(), control.err());
        assertTrue(Files.isRegularFile(out));
    }

    @Test
    void anUnknownKeyInAConfFileNamesTheFileAndLine() throws Exception {
        Path conf = Files.writeString(dir.resolve("typo.conf"), "# user settings\nsampler {\n  levle = 3\n}\n");
        Path out = dir.resolve("cl.txt");
        assertUsageError(theory(out, "--conf", conf.toString()), out, "unknown configuration key sampler.levle",
                "file " + conf + ", line 3", "did you mean sampler.levels?");
        Path topLevel = Files.writeString(dir.resolve("top.conf"), "levle = 3\n");
        assertUsageError(theory(out, "--conf", topLevel.toString()), out, "unknown configuration key levle",
                "did you mean sampler.levels?");
        Files.writeString(conf, "# user settings\nsampler {\n  levels = 3\n}\n");
        assertEquals(0, theory(out, "--conf", conf.toString()).code());
    }

    @Test
    void aNonIntegerForAnIntegerKeyIsAUsageError() throws Exception {
        Path out = dir.resolve("cl.txt");
        assertUsageError(theory(out, "--set", "sampler.levels=3.5"), out,
                "sampler.levels must be an integer > 0, got '3.5' (--set sampler.levels=3.5)");
        Path conf = Files.writeString(dir.resolve("float.conf"), "sampler.chains = 16.5\n");
        assertUsageError(theory(out, "--conf", conf.toString()), out, "sampler.chains must be an integer >= 2, got 16.5",
                conf.toString());
        assertUsageError(theory(out, "--set", "map.flip-e1=yes"), out, "map.flip-e1 must be true or false");
        assertUsageError(theory(out, "--set", "theory.h=NaN"), out, "theory.h must be a number in (0, 10)");
    }

    @Test
    void aBadChoiceIsAUsageErrorListingTheChoices() {
        Path out = dir.resolve("cl.txt");
        assertUsageError(theory(out, "--set", "sampler.prior=gausian"), out,
                "sampler.prior must be one of gaussian, hybrid, got 'gausian' (--set sampler.prior=gausian)");
        assertUsageError(theory(out, "--set", "training.maps.source=simulation"), out, "one of simulated, files");
        // an option mirroring a key is named as the option
        assertUsageError(theory(out, "--transfer", "ehh"), out, "theory.transfer must be one of bbks, eh, eh-nowiggle, got 'ehh'",
                "(option --transfer)");
        Path map = dir.resolve("map");
        assertUsageError(CommandLineRun.of("sample", "--catalog", dir.resolve("none.fits").toString(), "--out", map.toString(), "--prior",
                "gausian"), map, "sampler.prior must be one of gaussian, hybrid", "(option --prior)");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        Path out = dir.resolve("cl.txt");
        assertUsageError(theory(out, "--set", "sampler.levelz=4", "--set", "map.size=2"), out, "2 configuration problems",
                "sampler.levelz", "map.size must be an integer >= 4");
    }

    @Test
    void theCmbTemperatureIsASettingAndItsDefaultIsShownByHelp() throws Exception {
        CommandLineRun help = CommandLineRun.of("theory", "--help");
        assertTrue(help.out().contains("--t-cmb=K") && help.out().contains("(default 2.7255)"), help.out());
        Path fiducial = dir.resolve("fiducial.txt");
        Path ccl = dir.resolve("ccl.txt");
        Path option = dir.resolve("option.txt");
        assertEquals(0, theory(fiducial, "--transfer", "bbks").code());
        assertEquals(0, theory(ccl, "--transfer", "bbks", "--set", "theory.t-cmb=2.7").code());
        assertEquals(0, theory(option, "--transfer", "bbks", "--t-cmb", "2.7").code());
        List<String> a = Files.readAllLines(fiducial);
        List<String> b = Files.readAllLines(ccl);
        assertTrue(a.get(0).contains("T_CMB=2.7255") && b.get(0).contains("T_CMB=2.7 "), a.get(0) + "\n" + b.get(0));
        assertNotEquals(a.get(a.size() - 1), b.get(b.size() - 1), "the temperature changes C_ell");
        assertEquals(b, Files.readAllLines(option), "--t-cmb and --set theory.t-cmb agree");
        assertUsageError(theory(dir.resolve("cold.txt"), "--t-cmb", "0"), dir.resolve("cold.txt"), "theory.t-cmb must be a number > 0");
    }

    @Test
    void outOfRangeOptionsOfACommandAreUsageErrorsToo() {
        Path out = dir.resolve("cl.txt");
        assertUsageError(CommandLineRun.of("theory", "--out", out.toString(), "--points", "1"), out, "--points must be at least 2");
    }
}
