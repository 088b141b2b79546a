package org.massmap.cli;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.List;
import org.massmap.config.ConfigLoader;
import org.massmap.config.ConfigOverride;
import org.massmap.config.Settings;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Layers the configuration for a parsed command: defaults, then the command's built-in preset if it
 * has one, then --conf, then --set, then every option given explicitly on the command line that
 * mirrors a configuration key (its descriptionKey). Each override keeps the flag that set it, so a bad
 * value is reported as "(option --size)" or "(--set map.size=x)".
 */
final class ResolvedConfig {
    private ResolvedConfig() {
    }

    static Settings of(CommandSpec spec, ConfigOptions options) {
        return of(spec, options, null);
    }

    /** As {@link #of(CommandSpec, ConfigOptions)} with a command's built-in preset (or null) under --conf. */
    static Settings of(CommandSpec spec, ConfigOptions options, Config preset) {
        List<ConfigOverride> overrides = new ArrayList<>();
        options.sets.forEach((k, v) -> overrides.add(ConfigOverride.set(k, v)));
        ParseResult parse = spec.commandLine().getParseResult();
        for (OptionSpec o : spec.options()) {
            String key = o.descriptionKey();
            if (key == null || key.isEmpty() || !parse.hasMatchedOption(o)) {
                continue;
            }
            Object value = o.getValue();
            overrides.add(ConfigOverride.option(key, value == null ? "" : String.valueOf(value), o.longestName()));
        }
        Config config = ConfigLoader.load(preset, options.confFile, overrides);
        return new Settings(config);
    }
}
