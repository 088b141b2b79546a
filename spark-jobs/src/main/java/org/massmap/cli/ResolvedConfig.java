package org.massmap.cli;

import com.typesafe.config.Config;
import java.util.LinkedHashMap;
import java.util.Map;
import org.massmap.config.ConfigLoader;
import org.massmap.config.Settings;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Layers the configuration for a parsed command: defaults, then the command's built-in preset if it
 * has one, then --conf, then --set, then every option given explicitly on the command line that
 * mirrors a configuration key.
 */
final class ResolvedConfig {
    private ResolvedConfig() {
    }

    static Settings of(CommandSpec spec, ConfigOptions options) {
        return of(spec, options, null);
    }

    /** As {@link #of(CommandSpec, ConfigOptions)} with a command's built-in preset (or null) under --conf. */
    static Settings of(CommandSpec spec, ConfigOptions options, Config preset) {
        Map<String, String> overrides = new LinkedHashMap<>(options.sets);
        ParseResult parse = spec.commandLine().getParseResult();
        for (OptionSpec o : spec.options()) {
            String key = o.descriptionKey();
            if (key == null || key.isEmpty() || !parse.hasMatchedOption(o)) {
                continue;
            }
            Object value = o.getValue();
            overrides.put(key, value == null ? "" : String.valueOf(value));
        }
        Config config = ConfigLoader.load(preset, options.confFile, overrides);
        return new Settings(config);
    }
}
