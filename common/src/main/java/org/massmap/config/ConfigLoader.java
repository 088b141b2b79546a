package org.massmap.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValueFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Layers the configuration once: single overrides (highest), then an optional user file, then an
 * optional bundled preset (a command's built-in one, e.g. {@code cosmos}'s), then the bundled
 * defaults {@value #DEFAULTS_RESOURCE}. Overrides are stored as strings; typed getters
 * convert them ("64" reads as an int, "true" as a boolean).
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
    static com.typesafe.config.ConfigValue overrideValue(String key, String value) {
        String v = value.trim();
        if (v.startsWith("[") || v.startsWith("{") || v.startsWith("\"")) {
            try {
                return ConfigFactory.parseString("v = " + v).getValue("v");
            } catch (ConfigException ex) {
                throw new SettingException("--set " + key + "=" + value + ": not a valid HOCON list, object or quoted string: "
                        + ex.getMessage(), ex);
            }
        }
        return ConfigValueFactory.fromAnyRef(value, "command line");
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
     * @param overrides key → value pairs from --set and from explicit command-line options
     * @throws IllegalArgumentException naming the file or key when something cannot be read
     */
    public static Config load(Path userFile, Map<String, String> overrides) {
        return load(null, userFile, overrides);
    }

    /**
     * As {@link #load(Path, Map)} with a preset ({@link #preset}, or null for none) between the defaults
     * and the user file.
     */
    public static Config load(Config preset, Path userFile, Map<String, String> overrides) {
        Config layered = preset == null ? defaults() : preset.withFallback(defaults());
        if (userFile != null) {
            if (!Files.isRegularFile(userFile)) {
                throw new IllegalArgumentException("config file " + userFile + " does not exist or is not a file");
            }
            try {
                layered = ConfigFactory.parseFile(userFile.toFile(), ConfigParseOptions.defaults().setAllowMissing(false))
                        .withFallback(layered);
            } catch (ConfigException e) {
                throw new IllegalArgumentException("config file " + userFile + " cannot be parsed: " + e.getMessage(), e);
            }
        }
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            String key = e.getKey();
            try {
                layered = layered.withValue(key, overrideValue(key, e.getValue()));
            } catch (ConfigException ex) {
                throw new SettingException("bad configuration key '" + key + "': " + ex.getMessage(), ex);
            }
        }
        try {
            return layered.resolve();
        } catch (ConfigException e) {
            throw new IllegalArgumentException("configuration cannot be resolved: " + e.getMessage(), e);
        }
    }
}
