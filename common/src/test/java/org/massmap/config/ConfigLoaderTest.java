package org.massmap.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massmap.lensing.ShearModel;

class ConfigLoaderTest {

    @Test
    void defaultsResolveToValidSettings() {
        MapSettings m = MapSettings.from(new Settings(ConfigLoader.load(null, Map.of())));
        assertTrue(m.size() > 0);
        assertFalse(m.center().isPresent());
        assertFalse(m.sigmaE().isPresent());
        assertEquals(ShearModel.REDUCED_SHEAR, m.shearModel());
    }

    @Test
    void overridesWinOverFileWhichWinsOverDefaults(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("user.conf");
        Files.writeString(f, "map { size = 96, pixel-arcmin = 0.29 }\n");
        MapSettings m = MapSettings.from(new Settings(ConfigLoader.load(f, Map.of("map.size", "64", "map.center", "359.5,-70"))));
        assertEquals(64, m.size());
        assertEquals(0.29, m.pixelArcmin(), 0);
        assertEquals(359.5, m.center().orElseThrow().raDeg(), 0);
    }

    @Test
    void removedHaloKeysAreRefusedWithTheirReplacement(@TempDir Path dir) throws Exception {
        Settings defaults = new Settings(ConfigLoader.load(null, Map.of()));
        assertTrue(SurveyConfig.halos(defaults));
        assertEquals(new org.massmap.sim.HaloModelSpec(1e13, 3e15), SimulationConfig.halos(defaults));
        Path f = dir.resolve("old.conf");
        Files.writeString(f, "survey { halos { per-deg2 = 2 } }\n");
        // refused when the configuration is loaded, with the replacement rather than a generic "unknown key"
        IllegalArgumentException e = assertThrows(SettingException.class, () -> ConfigLoader.load(f, Map.of()));
        assertTrue(e.getMessage().contains("survey.halos.per-deg2") && e.getMessage().contains("simulation.halos.m200-min")
                && e.getMessage().contains("survey.halos = true|false"), e.getMessage());
        Files.writeString(f, "survey { halos { m200-min = 1e14 } }\n");
        e = assertThrows(SettingException.class, () -> ConfigLoader.load(f, Map.of()));
        assertTrue(e.getMessage().contains("set simulation.halos.m200-min instead"), e.getMessage());
        // and by the readers, for a configuration built without the loader
        Settings oldMass = new Settings(ConfigFactory.parseFile(f.toFile()).withFallback(ConfigLoader.defaults()));
        e = assertThrows(SettingException.class, () -> SimulationConfig.halos(oldMass));
        assertTrue(e.getMessage().contains("set simulation.halos.m200-min instead"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SimulationConfig.halos(
                new Settings(ConfigLoader.load(null, Map.of("simulation.halos.m200-max", "1e12")))));
        assertTrue(e.getMessage().contains("m200-max"), e.getMessage());
    }

    @Test
    void setParsesHoconQuotedStrings() {
        Config c = ConfigLoader.load(null, Map.of("map.center", "\"40,75\"", "catalog.e1", "\"g 1\"", "catalog.e2", "g2"));
        assertEquals("40,75", c.getString("map.center"));
        assertEquals("g 1", c.getString("catalog.e1"));
        assertEquals("g2", c.getString("catalog.e2"));
    }

    @Test
    void badValuesNameTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MapSettings.from(new Settings(ConfigLoader.load(null, Map.of("map.pixel-arcmin", "-0.5")))));
        assertTrue(e.getMessage().contains("map.pixel-arcmin"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> MapSettings.from(new Settings(ConfigLoader.load(null, Map.of("map.size", "big")))));
        assertTrue(e.getMessage().contains("map.size"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> MapSettings.from(new Settings(ConfigLoader.load(null, Map.of("map.shear-model", "sheer")))));
        assertTrue(e.getMessage().contains("reduced-shear"), e.getMessage());
        for (String bad : new String[] {"-0.25", "5", "wide"}) {
            e = assertThrows(IllegalArgumentException.class,
                    () -> MapSettings.from(new Settings(ConfigLoader.load(null, Map.of("map.embedding-margin", bad)))));
            assertTrue(e.getMessage().contains("map.embedding-margin"), e.getMessage());
        }
        assertEquals(0.25, MapSettings.from(new Settings(ConfigLoader.load(null, Map.of("map.embedding-margin", "0.25"))))
                .embeddingMargin());
        assertEquals(0.125, MapSettings.from(Settings.defaults()).embeddingMargin()); // docs/validation.md, Tile boundaries
    }

    @Test
    void missingOrBrokenFileIsAClearError(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("nope.conf");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConfigLoader.load(missing, Map.of()));
        assertTrue(e.getMessage().contains("nope.conf"));
        Path broken = dir.resolve("broken.conf");
        Files.writeString(broken, "map { size = \n");
        e = assertThrows(IllegalArgumentException.class, () -> ConfigLoader.load(broken, Map.of()));
        assertTrue(e.getMessage().contains("broken.conf"));
    }
}
