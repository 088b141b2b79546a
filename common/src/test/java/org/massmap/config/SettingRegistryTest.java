package org.massmap.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The declarations of {@link SettingRegistry} and the defaults of conf/massmap.conf agree key by key,
 * and the bundled presets use declared keys with accepted values.
 */
class SettingRegistryTest {
    private static final Path PRESETS = Path.of("..", "conf", "presets");

    /** Keys of a configuration that are not declared, and declared keys whose value there is refused (or absent). */
    static List<String> disagreements(Config conf, boolean everyDeclaredKeyPresent) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, ConfigValue> e : conf.entrySet()) {
            var declared = SettingRegistry.find(e.getKey());
            if (declared.isEmpty()) {
                out.add("undeclared " + e.getKey());
            } else if (declared.get().problem(e.getValue()) != null) {
                out.add(e.getKey() + " " + declared.get().problem(e.getValue()));
            }
        }
        if (everyDeclaredKeyPresent) {
            for (Setting s : SettingRegistry.all()) {
                if (!conf.hasPath(s.key())) {
                    out.add("no default for " + s.key());
                }
            }
        }
        return out;
    }

    @Test
    void everyDefaultIsDeclaredAndEveryDeclarationHasAnAcceptedDefault() {
        assertEquals(List.of(), disagreements(ConfigLoader.defaults(), true));
        assertTrue(SettingRegistry.all().size() >= 110, "the registry covers the whole of conf/massmap.conf");
    }

    @Test
    void theConsistencyCheckFindsEachKindOfDisagreement() {
        Config planted = ConfigLoader.defaults().withoutPath("wiener.tolerance")
                .withValue("sampler.levelz", ConfigValueFactory.fromAnyRef(40))
                .withValue("sampler.levels", ConfigValueFactory.fromAnyRef(3.5));
        List<String> found = disagreements(planted, true);
        assertEquals(3, found.size(), found.toString());
        assertTrue(found.contains("undeclared sampler.levelz"), found.toString());
        assertTrue(found.contains("no default for wiener.tolerance"), found.toString());
        assertTrue(found.stream().anyMatch(f -> f.startsWith("sampler.levels must be an integer")), found.toString());
    }

    @Test
    void everyBundledPresetUsesDeclaredKeysWithAcceptedValues() throws Exception {
        List<Path> presets;
        try (Stream<Path> files = Files.list(PRESETS)) {
            presets = files.filter(p -> p.toString().endsWith(".conf")).sorted().toList();
        }
        assertTrue(presets.size() >= 4, presets.toString());
        for (Path p : presets) {
            String name = p.getFileName().toString().replace(".conf", "");
            assertEquals(List.of(), disagreements(ConfigLoader.preset(name), false), name);
            ConfigLoader.load(ConfigLoader.preset(name), null, Map.of()); // and the loader accepts it as a layer
        }
    }

    @Test
    void aPresetWithAnUnknownKeyIsRefusedNamingItsFileAndLine() {
        // src/test/resources/massmap/conf/presets/test-typo.conf: "sampler {\n  levle = 3\n}"
        SettingException e = assertThrows(SettingException.class,
                () -> ConfigLoader.load(ConfigLoader.preset("test-typo"), null, Map.of()));
        assertTrue(e.getMessage().contains("sampler.levle") && e.getMessage().contains("conf/presets/test-typo.conf, line 2")
                && e.getMessage().contains("did you mean sampler.levels?"), e.getMessage());
    }

    @Test
    void suggestionsAreTheNearestDeclaredKeys() {
        assertEquals(List.of("sampler.levels"), SettingRegistry.suggestions("sampler.levelz"));
        assertEquals(List.of("sampler.levels"), SettingRegistry.suggestions("sampler.levle"));
        assertEquals(List.of("sampler.levels"), SettingRegistry.suggestions("levels"), "a key without its section");
        assertEquals(List.of("sampler.chains"), SettingRegistry.suggestions("map.chains"), "a key in the wrong section");
        assertEquals(List.of("theory.t-cmb"), SettingRegistry.suggestions("theory.tcmb"));
        assertEquals(List.of(), SettingRegistry.suggestions("nonsense.key"));
        assertEquals(3, SettingRegistry.levenshtein("kitten", "sitting"));
    }

    private static String problem(String key, Object value) {
        return SettingRegistry.find(key).orElseThrow().problem(ConfigValueFactory.fromAnyRef(value));
    }

    @Test
    void valuesAreCheckedAgainstTheirDeclaredType() {
        // integers: whole numbers only, as numbers or text (--set gives strings); the value counts, not its spelling
        assertNull(problem("sampler.levels", 40));
        assertNull(problem("sampler.levels", "40"));
        assertNull(problem("sampler.levels", "40.0"));
        assertNull(problem("sampler.levels", "1e3"));
        for (Object bad : new Object[] {3.5, "3.5", "forty", 0, "-2", List.of(3), 3_000_000_000L, "NaN"}) {
            assertTrue(String.valueOf(problem("sampler.levels", bad)).startsWith("must be an integer > 0"), bad + ": "
                    + problem("sampler.levels", bad));
        }
        assertNull(problem("sampler.seed", 3_000_000_000L), "a long seed");
        // numbers: finite, in range
        assertNull(problem("map.pixel-arcmin", "0.29"));
        assertNull(problem("wiener.tolerance", "1e-6"));
        for (Object bad : new Object[] {"NaN", "Infinity", Double.NaN, "half", -1, true}) {
            assertTrue(String.valueOf(problem("map.pixel-arcmin", bad)).startsWith("must be a number > 0"), String.valueOf(bad));
        }
        assertTrue(problem("clusters.min-frequency", 0).contains("in (0, 1]"), problem("clusters.min-frequency", 0));
        // booleans: true or false
        assertNull(problem("map.flip-e1", "true"));
        assertNull(problem("map.flip-e1", false));
        assertTrue(problem("map.flip-e1", "yes").startsWith("must be true or false"));
        // choices, listed in the message; spelling as in conf, case and underscores forgiven
        assertNull(problem("sampler.prior", "gaussian"));
        assertNull(problem("map.shear-model", "REDUCED_SHEAR"));
        assertEquals("must be one of gaussian, hybrid, got 'gausian'", problem("sampler.prior", "gausian"));
        assertEquals("must be one of simulated, files, got 'simulation'", problem("training.maps.source", "simulation"));
        // a number or auto
        assertNull(problem("sampler.sigma-min", "auto"));
        assertNull(problem("sampler.sigma-min", 0.002));
        assertTrue(problem("sampler.sigma-min", "automatic").startsWith("must be a number or auto > 0"));
        // lists
        assertNull(problem("training.channels", List.of(16, 32)));
        assertTrue(problem("training.channels", List.of(16, 0)).contains("each > 0"));
        assertTrue(problem("training.channels", "16").startsWith("must be a list of integers"));
        assertNull(problem("training.maps.files", List.of("a.fits")));
        // strings: any scalar, no lists
        assertNull(problem("catalog.ra", "RA"));
        assertTrue(problem("catalog.ra", List.of("a")).startsWith("must be a string"));
    }

    @Test
    void aConfFileWithATypoOrAWrongTypeFailsOnLoadNamingFileLineAndFix(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path f = dir.resolve("user.conf");
        Files.writeString(f, "sampler {\n  levle = 3\n}\nmap.size = 64.5\n");
        SettingException e = assertThrows(SettingException.class, () -> ConfigLoader.load(f, Map.of()));
        String m = e.getMessage();
        assertTrue(m.startsWith("2 configuration problems:"), m);
        assertTrue(m.contains("unknown configuration key sampler.levle (file " + f + ", line 2); did you mean sampler.levels?"), m);
        assertTrue(m.contains("map.size must be an integer >= 4, got 64.5 (file " + f + ", line 4)"), m);
    }

    @Test
    void overridesAreNamedByTheFlagThatSetThem() {
        SettingException e = assertThrows(SettingException.class,
                () -> ConfigLoader.load(null, null, List.of(ConfigOverride.option("map.size", "2", "--size"))));
        assertEquals("map.size must be an integer >= 4, got '2' (option --size)", e.getMessage());
        e = assertThrows(SettingException.class, () -> ConfigLoader.load(null, Map.of("nonsense.key", "1")));
        assertTrue(e.getMessage().startsWith("unknown configuration key nonsense.key (--set nonsense.key=1); every key is listed"),
                e.getMessage());
        e = assertThrows(SettingException.class, () -> ConfigLoader.load(null, Map.of("training.sigma", "{kind = half-normal}")));
        assertTrue(e.getMessage().contains("training.sigma.scale is missing"), e.getMessage());
    }

    @Test
    void onlyDeclaredKeysCanBeReadAndWithTheirDeclaredType() {
        Settings s = new Settings(ConfigFactory.parseString("map.size = 64\nundeclared.key = 1"));
        assertEquals(64, s.positiveInt("map.size"));
        assertThrows(IllegalStateException.class, () -> s.positiveInt("undeclared.key"));
        assertThrows(IllegalStateException.class, () -> s.positive("map.size"), "an integer key read as a number");
        assertEquals(Settings.defaults().config().getInt("map.size"), 64);
    }
}
