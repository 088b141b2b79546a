package org.massmap.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A command's built-in preset lies between the defaults and the user's file: defaults < preset < --conf < --set. */
class PresetLayeringTest {
    @Test
    void presetOverridesDefaultsAndUserFileAndSetsOverrideThePreset(@TempDir Path dir) throws Exception {
        Config preset = ConfigLoader.preset("cosmos-hst");
        Config alone = ConfigLoader.load(preset, null, Map.of());
        assertEquals(360, alone.getInt("map.size"), "the preset's value");
        assertEquals(0.29, alone.getDouble("map.pixel-arcmin"), 1e-12);
        assertEquals(64, alone.getInt("sampler.chains"));
        assertEquals(2.0, alone.getDouble("clusters.radius-arcmin"), 1e-12, "a default the preset leaves alone");

        Path user = dir.resolve("user.conf");
        Files.writeString(user, "map { size = 128 }\nsampler { chains = 8 }\n");
        Config layered = ConfigLoader.load(preset, user, Map.of("sampler.chains", "4"));
        assertEquals(128, layered.getInt("map.size"), "--conf over the preset");
        assertEquals(4, layered.getInt("sampler.chains"), "--set over --conf");
        assertEquals(0.29, layered.getDouble("map.pixel-arcmin"), 1e-12, "the preset where the user says nothing");
        assertEquals(1.0, ConfigLoader.load(user, Map.of()).getDouble("map.pixel-arcmin"), 1e-12, "no preset: the defaults");
    }

    @Test
    void anUnknownPresetIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConfigLoader.preset("no-such-preset"));
        assertTrue(e.getMessage().contains("massmap/conf/presets/no-such-preset.conf"), e.getMessage());
    }
}
