package org.massmap.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValueFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Layers the configuration once: single overrides (highest), then an optional user file, then an
 * optional bundled preset (a command's built-in one, e.g. {@code cosmos}'s), then the bundled
 * defaults {@value #DEFAULTS_RESOURCE}; then checks every key and value against {@link SettingRegistry},
 * so that a misspelt key or a value of the wrong type fails before any work. Overrides are stored as
 * strings; typed getters convert them ("64" reads as an int, "true" as a boolean).
 */
public final class ConfigLoader {
    /** Classpath location of the default configuration (copied from the repository's conf/). */
    public static final String DEFAULTS_RESOURCE = "massmap/conf/massmap.conf";

    private ConfigLoader() {
    }

    /**
     * An override's value: a list, object or quoted string when written in HOCON ("[16, 32]",
     * "{a = 1}", "\"40,75\""), otherwise the string as given (typed getters convert "64" or "true").
     */
    static com.typesafe.config.ConfigValue overrideValue(ConfigOverride o) {
        String v = o.value().trim();
        if (v.startsWith("[") || v.startsWith("{") || v.startsWith("\"")) {
            try {
                return ConfigFactory.parseString("v = " + v).getValue("v");
            } catch (ConfigException ex) {
                throw new SettingException(o.source() + ": not a valid HOCON list, object or quoted string: " + ex.getMessage(), ex);
            }
        }
        return ConfigValueFactory.fromAnyRef(o.value(), o.source());
    }

    /** The bundled defaults alone. */
    public static Config defaults() {
        return ConfigFactory.parseResources(ConfigLoader.class.getClassLoader(), DEFAULTS_RESOURCE,
                ConfigParseOptions.defaults().setAllowMissing(false));
    }

    /** The preset {@code conf/presets/NAME.conf} as bundled in the jar ({@code massmap/conf/presets/NAME.conf}). */
    public static Config preset(String name) {
        String resource = "massmap/conf/presets/" + name + ".conf";
        try {
            return ConfigFactory.parseResources(ConfigLoader.class.getClassLoader(), resource,
                    ConfigParseOptions.defaults().setAllowMissing(false));
        } catch (ConfigException e) {
            throw new IllegalArgumentException("the bundled preset " + resource + " cannot be read (the build is broken): "
                    + e.getMessage(), e);
        }
    }

    /**
     * @param userFile  optional HOCON file (null for none)
     * @param overrides key → value pairs from --set
     * @throws SettingException naming the key, the value and what set it when a key is unknown or a value
     *                          is of the wrong type or out of range
     * @throws IllegalArgumentException naming the file when it cannot be found
     */
    public static Config load(Path userFile, Map<String, String> overrides) {
        return load(null, userFile, overrides);
    }

    /** As {@link #load(Path, Map)} with a preset ({@link #preset}, or null for none) between the defaults and the user file. */
    public static Config load(Config preset, Path userFile, Map<String, String> overrides) {
        List<ConfigOverride> list = new ArrayList<>();
        overrides.forEach((k, v) -> list.add(ConfigOverride.set(k, v)));
        return load(preset, userFile, list);
    }

    /**
     * Layers defaults &lt; preset (or null) &lt; user file (or null) &lt; overrides (in order), resolves the
     * result and checks it against {@link SettingRegistry} ({@link ConfigValidator}).
     */
    public static Config load(Config preset, Path userFile, List<ConfigOverride> overrides) {
        Config layered = preset == null ? defaults() : preset.withFallback(defaults());
        if (userFile != null) {
            if (!Files.isRegularFile(userFile)) {
                throw new IllegalArgumentException("config file " + userFile + " does not exist or is not a file");
            }
            try {
                layered = ConfigFactory.parseFile(userFile.toFile(), ConfigParseOptions.defaults().setAllowMissing(false))
                        .withFallback(layered);
            } catch (ConfigException e) {
                throw new SettingException("config file " + userFile + " is not valid HOCON: " + e.getMessage(), e);
            }
        }
        for (ConfigOverride o : overrides) {
            try {
                layered = layered.withValue(o.key(), overrideValue(o));
            } catch (ConfigException ex) {
                throw new SettingException(o.source() + ": '" + o.key() + "' is not a configuration key: " + ex.getMessage(), ex);
            }
        }
        Config resolved;
        try {
            resolved = layered.resolve();
        } catch (ConfigException e) {
            throw new SettingException("configuration cannot be resolved: " + e.getMessage(), e);
        }
        ConfigValidator.check(resolved, overrides);
        return resolved;
    }
}
